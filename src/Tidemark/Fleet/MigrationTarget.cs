namespace Tidemark.Fleet;

/// <summary>
/// One database (or one tenant schema in a database) of a fleet, migrated as an independent run by
/// <see cref="Migrator.MigrateManyAsync"/>.
/// </summary>
/// <param name="Name">How the target is named in progress, summaries and errors; unique in a fleet.</param>
/// <param name="ConnectionString">A postgres:// URL or an Npgsql connection string.</param>
/// <param name="TenantSchema">Schema-per-tenant: the tenant's schema (search_path of its migrations, its own history table); null for a whole database.</param>
public sealed record MigrationTarget(string Name, string ConnectionString, string? TenantSchema = null);

/// <summary>How a fleet is run.</summary>
public sealed record FleetOptions
{
    /// <summary>How many targets migrate at the same time (default 4).</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Run the first K targets first; if one of them fails, stop: no other target is touched (default 0: no canary).</summary>
    public int Canary { get; init; }

    /// <summary>
    /// Keep starting targets after one failed (default false: after a failure no new target starts, those running finish,
    /// the rest are reported as skipped). A canary failure always stops the fleet.
    /// </summary>
    public bool ContinueOnError { get; init; }

    /// <summary>Progress of each target's run (called from several threads at once).</summary>
    public Action<string, MigrationProgress>? OnTargetProgress { get; init; }

    /// <summary>Called as each target starts (called from several threads at once).</summary>
    public Action<string>? OnTargetStarted { get; init; }

    /// <summary>Called as each target finishes, with its result (called from several threads at once).</summary>
    public Action<TargetResult>? OnTargetFinished { get; init; }
}

/// <summary>The outcome of one target.</summary>
/// <param name="Name">The target's name.</param>
/// <param name="Ok">True when the run succeeded (also when there was nothing to do).</param>
/// <param name="Skipped">Not run: a canary failed, or an earlier target failed without <see cref="FleetOptions.ContinueOnError"/>.</param>
/// <param name="CurrentVersion">The target's version after the run (null when unknown or nothing applied).</param>
/// <param name="AppliedCount">Migrations applied by this run.</param>
/// <param name="Duration">How long its run took.</param>
/// <param name="Error">What went wrong, in one message (null when ok).</param>
/// <param name="Exception">The exception, for callers that map it (exit codes, JSON).</param>
public sealed record TargetResult(
    string Name,
    bool Ok,
    bool Skipped,
    string? CurrentVersion,
    int AppliedCount,
    TimeSpan Duration,
    string? Error,
    Exception? Exception)
{
    /// <summary>The full result of a successful run.</summary>
    public MigrationResult? Result { get; init; }
}

/// <summary>The outcome of a fleet: one result per target, in the targets' order.</summary>
public sealed record FleetResult(IReadOnlyList<TargetResult> Targets, TimeSpan Elapsed)
{
    /// <summary>True when every target succeeded.</summary>
    public bool Ok => Targets.All(t => t.Ok);

    /// <summary>Targets whose run failed.</summary>
    public int Failed => Targets.Count(t => !t.Ok && !t.Skipped);

    /// <summary>Targets not run (a canary failed, or an earlier failure without ContinueOnError).</summary>
    public int SkippedCount => Targets.Count(t => t.Skipped);
}
