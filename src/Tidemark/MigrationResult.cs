using Tidemark.History;
using Tidemark.Locking;
using Tidemark.Planning;
using Tidemark.Reconciliation;

namespace Tidemark;

/// <summary>What <see cref="Migrator.MigrateAsync"/> did.</summary>
public sealed record MigrationResult(
    IReadOnlyList<AppliedMigration> Applied,
    string? CurrentVersion,
    TimeSpan Elapsed,
    TimeSpan LockWait,
    bool FastPath)
{
    /// <summary>Nothing needed doing.</summary>
    public bool NothingToDo => Applied.Count == 0 && Adopted.Count == 0 && Imported.Count == 0;

    /// <summary>Migrations recorded as applied because the schema already reflects them (0 statements executed).</summary>
    public IReadOnlyList<AdoptedMigration> Adopted { get; init; } = [];

    /// <summary>Migrations recorded as applied because another tool's history says so.</summary>
    public IReadOnlyList<AdoptedMigration> Imported { get; init; } = [];

    /// <summary>Things a person should know (stale integrity file, drift allowed by policy, a foreign history not trusted).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Drift found and allowed by <see cref="DriftPolicy.Warn"/>.</summary>
    public DriftReport? Drift { get; init; }

    /// <summary>Where the database stood before the run (history used, case found and why); null on the fast path.</summary>
    public ReconciliationReport? Reconciliation { get; init; }

    /// <summary>Lint findings of the migrations this run applied (hazard policy warn).</summary>
    public IReadOnlyList<Tidemark.Lint.LintFinding> Findings { get; init; } = [];
}

/// <summary>One migration applied by a run.</summary>
public sealed record AppliedMigration(string Version, string Name, string Kind, string Path, int Statements, TimeSpan Duration, bool Resumed)
{
    /// <summary>What a resumed migration found in the catalog before continuing (e.g. an INVALID index dropped and rebuilt).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>Where each migration stands, from <see cref="Migrator.StatusAsync"/>.</summary>
public sealed record MigrationStatus(
    string Database,
    string Source,
    string HistoryTable,
    bool HistoryExists,
    string? CurrentVersion,
    IReadOnlyList<MigrationState> Migrations,
    IReadOnlyList<ValidationProblem> Problems)
{
    /// <summary>Migrations recorded as applied (run or adopted).</summary>
    public int AppliedCount => Migrations.Count(m => m.State is MigrationStateKind.Applied or MigrationStateKind.Adopted);

    /// <summary>Migrations still to run, partially or half-applied ones included.</summary>
    public int PendingCount => Migrations.Count(m => m.State is MigrationStateKind.Pending or MigrationStateKind.Partial or MigrationStateKind.HalfApplied);

    /// <summary>The last failed run, until a later run applies something.</summary>
    public HistoryEventRecord? LastFailure { get; init; }

    /// <summary>Recent audit events (failures, repairs, resolutions, adoptions), newest first.</summary>
    public IReadOnlyList<HistoryEventRecord> Events { get; init; } = [];

    /// <summary>Drift between the live schema and the one recorded after the last applied migration, when it could be computed.</summary>
    public DriftReport? Drift { get; init; }

    /// <summary>What <see cref="Migrator.MigrateAsync"/> would find: the history that marks the version and how the catalog compares.</summary>
    public ReconciliationReport? Reconciliation { get; init; }

    /// <summary>True when nothing is pending and no problem was found.</summary>
    public bool IsUpToDate => PendingCount == 0 && Problems.Count == 0;
}

/// <summary>The state of one migration.</summary>
public enum MigrationStateKind
{
    /// <summary>Run and recorded in the history.</summary>
    Applied,
    /// <summary>Recorded without running: the schema already reflected it, or another tool's history did.</summary>
    Adopted,
    /// <summary>Not applied yet.</summary>
    Pending,
    /// <summary>A statement-by-statement migration that stopped part way; the next run resumes it.</summary>
    Partial,
    /// <summary>Applied, but its file was edited since (the checksums differ).</summary>
    Changed,
    /// <summary>Applied, but its file is gone.</summary>
    Missing,
    /// <summary>Pending, but it sorts before the newest applied migration.</summary>
    OutOfOrder,

    /// <summary>Part of its effect is in the database (the history marks the version before it): migrate completes it statement by statement.</summary>
    HalfApplied,
}

/// <summary>One migration's state in <see cref="MigrationStatus"/>.</summary>
public sealed record MigrationState(
    string Version,
    string Name,
    string Kind,
    MigrationStateKind State,
    string? Path,
    DateTimeOffset? AppliedAt,
    string? AppliedBy,
    int? DurationMs,
    string? Detail)
{
    /// <summary>Applied or adopted rows: where the knowledge comes from ("drizzle.__drizzle_migrations (drizzle history)", "catalog"); null for Tidemark's own runs.</summary>
    public string? Source { get; init; }
}

/// <summary>What a run would do, from <see cref="Migrator.PlanAsync"/>.</summary>
public sealed record MigrationPlan(
    string? CurrentVersion,
    IReadOnlyList<PlannedStep> Steps,
    IReadOnlyList<ValidationProblem> Problems)
{
    /// <summary>What reconciliation found before planning (read-only).</summary>
    public ReconciliationReport? Reconciliation { get; init; }
}

/// <summary>One planned step.</summary>
public sealed record PlannedStep(string Version, string Name, StepAction Action, string Path, int Statements, bool Transactional, string Reason)
{
    /// <summary>Lint findings of this step's migration (empty when the hazard policy is ignore).</summary>
    public IReadOnlyList<Tidemark.Lint.LintFinding> Findings { get; init; } = [];
}

/// <summary>Progress of a run, for interactive display.</summary>
public sealed record MigrationProgress(
    MigrationProgressPhase Phase,
    string? Version,
    string? Name,
    int MigrationNumber,
    int MigrationCount,
    int StatementsDone,
    int StatementsTotal,
    LockHolder? LockHolder = null)
{
    /// <summary>On <see cref="MigrationProgressPhase.MigrationDone"/>: how long the migration took, as its history row records it.</summary>
    public TimeSpan? Duration { get; init; }
}

/// <summary>Where a run is.</summary>
public enum MigrationProgressPhase
{
    /// <summary>Another runner holds the migration lock; this one waits (see <see cref="MigrationProgress.LockHolder"/>).</summary>
    WaitingForLock,

    /// <summary>This runner holds the migration lock and is about to plan and apply.</summary>
    LockAcquired,
    /// <summary>A migration is about to run.</summary>
    MigrationStarted,
    /// <summary>A statement of a migration that runs statement by statement finished.</summary>
    StatementDone,
    /// <summary>A migration finished and is recorded.</summary>
    MigrationDone,
}
