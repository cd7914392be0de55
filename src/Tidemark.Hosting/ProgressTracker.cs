using System.Diagnostics;

namespace Tidemark.Hosting;

/// <summary>
/// Turns the runner's <see cref="MigrationProgress"/> callbacks into state (for the health check)
/// and <c>tidemark.migration</c> spans, children of the run span.
/// </summary>
internal sealed class ProgressTracker(TidemarkState state, Activity? run)
{
    private readonly Lock _gate = new();
    private Activity? _migration;

    public void OnProgress(MigrationProgress p)
    {
        switch (p.Phase)
        {
            case MigrationProgressPhase.WaitingForLock:
                state.Update(s => s with { Status = TidemarkStatus.WaitingForLock, LockHolder = p.LockHolder?.ToString() });
                break;
            case MigrationProgressPhase.LockAcquired:
                state.Update(s => s with { Status = TidemarkStatus.Migrating, LockHolder = null });
                break;
            case MigrationProgressPhase.MigrationStarted:
                state.Update(s => s with
                {
                    Status = TidemarkStatus.Migrating,
                    LockHolder = null,
                    Migration = Label(p),
                    PendingCount = p.MigrationCount - p.MigrationNumber + 1,
                });
                StartSpan(p);
                break;
            case MigrationProgressPhase.StatementDone:
                lock (_gate)
                {
                    _migration?.AddEvent(new ActivityEvent("statement", tags: new ActivityTagsCollection { ["tidemark.statement"] = p.StatementsDone }));
                }

                break;
            case MigrationProgressPhase.MigrationDone:
                state.Update(s => s with { PendingCount = p.MigrationCount - p.MigrationNumber, CurrentVersion = p.Version ?? s.CurrentVersion });
                EndSpan(null);
                break;
        }
    }

    /// <summary>Ends the span of a migration that did not finish.</summary>
    public void Fail(string description) => EndSpan(description);

    private void StartSpan(MigrationProgress p)
    {
        lock (_gate)
        {
            var previous = Activity.Current;
            _migration = TidemarkTelemetry.Source.StartActivity(
                TidemarkTelemetry.MigrationActivityName, ActivityKind.Internal, run?.Context ?? default);
            if (_migration is not null)
            {
                _migration.DisplayName = $"migrate {Label(p)}";
                _migration.SetTag("tidemark.migration.version", p.Version);
                _migration.SetTag("tidemark.migration.name", p.Name);
                _migration.SetTag("tidemark.migration.number", p.MigrationNumber);
                _migration.SetTag("tidemark.migration.statements", p.StatementsTotal);
            }

            // The callback runs inside the engine's own async flow: do not leave the span as its ambient Activity.
            Activity.Current = previous;
        }
    }

    private void EndSpan(string? error)
    {
        lock (_gate)
        {
            if (_migration is null)
            {
                return;
            }

            var previous = Activity.Current;
            if (error is not null)
            {
                _migration.SetStatus(ActivityStatusCode.Error, error);
            }

            _migration.Stop();
            _migration = null;
            Activity.Current = previous;
        }
    }

    private static string Label(MigrationProgress p) => string.IsNullOrEmpty(p.Name) ? p.Version ?? "" : $"{p.Version} ({p.Name})";
}
