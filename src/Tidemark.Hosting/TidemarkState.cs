namespace Tidemark.Hosting;

/// <summary>Where the start-up run is.</summary>
public enum TidemarkStatus
{
    /// <summary>The runner has not started yet.</summary>
    NotStarted,

    /// <summary>Waiting for the database to accept connections.</summary>
    WaitingForDatabase,

    /// <summary>Reading the history to decide what to do.</summary>
    Checking,

    /// <summary>Another instance holds the migration lock.</summary>
    WaitingForLock,

    /// <summary>Applying migrations.</summary>
    Migrating,

    /// <summary>Every migration is applied (or, in Validate mode, verified).</summary>
    UpToDate,

    /// <summary>The run failed; see <see cref="TidemarkSnapshot.LastError"/>.</summary>
    Failed,

    /// <summary>The host stopped while the run was in progress.</summary>
    Cancelled,

    /// <summary><see cref="TidemarkMode.Off"/>: nothing runs.</summary>
    Off,
}

/// <summary>An immutable picture of the start-up run, for health checks and diagnostics.</summary>
public sealed record TidemarkSnapshot(
    TidemarkStatus Status,
    string? CurrentVersion,
    int? PendingCount,
    string? Migration,
    string? LastError,
    string? LockHolder,
    DateTimeOffset Since);

/// <summary>The start-up runner's state, updated as it runs (a singleton in the service container).</summary>
public sealed class TidemarkState
{
    private TidemarkSnapshot _current = new(TidemarkStatus.NotStarted, null, null, null, null, null, DateTimeOffset.UtcNow);

    /// <summary>The latest snapshot.</summary>
    public TidemarkSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Replaces the snapshot with a changed copy; thread-safe.</summary>
    internal void Update(Func<TidemarkSnapshot, TidemarkSnapshot> change)
    {
        while (true)
        {
            var before = Volatile.Read(ref _current);
            var after = change(before);
            if (after.Status != before.Status)
            {
                after = after with { Since = DateTimeOffset.UtcNow };
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref _current, after, before), before))
            {
                return;
            }
        }
    }

    internal void Set(TidemarkStatus status) => Update(s => s with { Status = status });
}
