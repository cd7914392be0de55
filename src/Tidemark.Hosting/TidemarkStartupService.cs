using Tidemark.Planning;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tidemark.Connections;
using Tidemark.Execution;
using Tidemark.Reconciliation;

namespace Tidemark.Hosting;

/// <summary>
/// Runs the migrations in <see cref="IHostedLifecycleService.StartingAsync"/>: before any hosted
/// service's <c>StartAsync</c>, hence before the web server listens. A failure or cancellation
/// propagates, so the host does not start.
/// </summary>
internal sealed class TidemarkStartupService(
    TidemarkDatabase database,
    IOptions<TidemarkOptions> options,
    TidemarkState state,
    ILoggerFactory loggers,
    IHostEnvironment? environment = null) : IHostedLifecycleService
{
    private readonly ILogger _logger = loggers.CreateLogger("Tidemark.Hosting");

    public Task StartingAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal async Task RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (o.Mode == TidemarkMode.Off)
        {
            state.Set(TidemarkStatus.Off);
            Log.Off(_logger, o.Setting(nameof(TidemarkOptions.Mode)));
            return;
        }

        var clock = Stopwatch.StartNew();
        using var run = TidemarkTelemetry.Source.StartActivity(TidemarkTelemetry.RunActivityName);
        run?.SetTag("tidemark.mode", o.Mode.ToString());
        var tracker = new ProgressTracker(state, run);
        try
        {
            state.Set(TidemarkStatus.WaitingForDatabase);
            var dataSource = await database.GetDataSourceAsync(ct).ConfigureAwait(false);
            var migratorOptions = o.ToMigratorOptions(environment?.ContentRootPath, tracker.OnProgress, database.ServerConnectionString);
            var where = ConnectionString.Describe(dataSource.ConnectionString);
            run?.SetTag("db.system", "postgresql");
            run?.SetTag("tidemark.database", where);
            Log.Starting(_logger, o.Mode, where, migratorOptions.Directory ?? migratorOptions.Assembly?.GetName().Name ?? "(none)");

            await DatabaseWaiter.WaitAsync(dataSource, o.StartupTimeout, o.Setting(nameof(TidemarkOptions.StartupTimeout)), _logger, ct).ConfigureAwait(false);
            state.Set(TidemarkStatus.Checking);
            var migrator = new Migrator(dataSource, migratorOptions, loggers.CreateLogger<Migrator>());
            if (o.Mode == TidemarkMode.Validate)
            {
                var status = await migrator.StatusAsync(ct).ConfigureAwait(false);
                if (!status.IsUpToDate || (status.Drift is not null && o.DriftPolicy == DriftPolicy.Refuse))
                {
                    var error = NotUpToDate(status, o);
                    state.Update(s => s with { Status = TidemarkStatus.Failed, CurrentVersion = status.CurrentVersion, PendingCount = status.PendingCount, LastError = error.Message });
                    Log.NotUpToDate(_logger, error.Message);
                    run?.SetStatus(ActivityStatusCode.Error, "not up to date");
                    throw error;
                }

                state.Update(s => s with { Status = TidemarkStatus.UpToDate, CurrentVersion = status.CurrentVersion, PendingCount = 0 });
                Log.Validated(_logger, status.CurrentVersion ?? "(none)");
                return;
            }

            if (o.HasTenants)
            {
                await TenantStartup.MigrateAsync(o, dataSource.ConnectionString, database.ServerConnectionString, migratorOptions, loggers, state, _logger, ct).ConfigureAwait(false);
                return;
            }

            var result = await migrator.MigrateAsync(ct).ConfigureAwait(false);
            state.Update(s => s with { Status = TidemarkStatus.UpToDate, CurrentVersion = result.CurrentVersion, PendingCount = 0, Migration = null, LockHolder = null, LastError = null });
            run?.SetTag("tidemark.applied", result.Applied.Count);
            Log.Migrated(_logger, result.CurrentVersion ?? "(none)", result.Applied.Count, clock.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            tracker.Fail("cancelled");
            run?.SetStatus(ActivityStatusCode.Error, "cancelled");
            state.Update(s => s with { Status = TidemarkStatus.Cancelled, LastError = "cancelled: the host stopped during start-up" });
            Log.Cancelled(_logger, clock.Elapsed.TotalSeconds);
            throw;
        }
        catch (TidemarkNotUpToDateException)
        {
            throw;
        }
        catch (Exception ex)
        {
            var next = ex switch
            {
                // The core's next step names the CLI flag (--drift warn); an application sets its option instead.
                DriftDetectedException => $"Put the change into a migration (or revert it by hand), or set {o.Setting(nameof(TidemarkOptions.DriftPolicy))} = Warn to start anyway.",
                MigrationFailedException => null,
                TidemarkException t => t.NextStep,
                _ => null,
            };
            var message = next is null ? ex.Message : $"{ex.Message} Next: {next}";
            tracker.Fail(ex.Message);
            run?.SetStatus(ActivityStatusCode.Error, ex.Message);
            state.Update(s => s with { Status = TidemarkStatus.Failed, LastError = ex.Message });
            Log.Failed(_logger, ex, message);
            throw;
        }
    }

    private static TidemarkNotUpToDateException NotUpToDate(MigrationStatus status, TidemarkOptions o)
    {
        var sb = new StringBuilder();
        sb.Append("Validate mode (").Append(o.Setting(nameof(TidemarkOptions.Mode))).Append("): the database ").Append(status.Database)
          .Append(" is not up to date; the application will not start.");
        var pending = status.Migrations.Where(m => m.State is MigrationStateKind.Pending or MigrationStateKind.Partial).ToList();
        if (pending.Count > 0)
        {
            sb.AppendLine().Append(pending.Count).Append(pending.Count == 1 ? " pending migration:" : " pending migrations:");
            foreach (var m in pending)
            {
                sb.AppendLine().Append("  - ").Append(m.Version);
                if (m.Name.Length > 0)
                {
                    sb.Append(" (").Append(m.Name).Append(')');
                }

                if (m.Path is not null)
                {
                    sb.Append(" [").Append(m.Path).Append(']');
                }

                if (m.State == MigrationStateKind.Partial)
                {
                    sb.Append(" partially applied");
                }
            }
        }

        foreach (var p in status.Problems)
        {
            sb.AppendLine().Append("  - ").Append(p.Message);
        }

        if (status.Drift is { } drift)
        {
            sb.AppendLine().Append("  - drift: ").Append(drift.Summary);
            foreach (var d in drift.Differences)
            {
                sb.AppendLine().Append("      ").Append(d);
            }
        }

        return new TidemarkNotUpToDateException(sb.ToString(), pending.Select(m => m.Version).ToList(), status.Problems);
    }
}
