namespace Tidemark.Recovery;

/// <summary>
/// What <see cref="Migrator.RollbackAsync"/> should undo: everything applied after
/// <see cref="ToVersion"/> (<c>"0"</c> = everything), or the newest <see cref="Steps"/> migrations.
/// Set exactly one. <see cref="DryRun"/> shows the plan and changes nothing.
/// <see cref="AllowDataLoss"/> is for generated downs (not available yet); written down files always run as written.
/// </summary>
public sealed record RollbackRequest(string? ToVersion = null, int? Steps = null, bool DryRun = false, bool AllowDataLoss = false);

/// <summary>What a rollback did (or, for a dry run, would do), newest first.</summary>
public sealed record RollbackResult(string? FromVersion, string? ToVersion, IReadOnlyList<RolledBackMigration> Steps, bool DryRun, TimeSpan Elapsed, TimeSpan LockWait);

/// <summary>One migration undone by its down file.</summary>
public sealed record RolledBackMigration(string Version, string Name, string DownPath, int Statements, bool Transactional, TimeSpan Duration);

/// <summary>What <see cref="Migrator.RepairAsync(bool, CancellationToken)"/> changed (or, for a dry run, would change).</summary>
public sealed record RepairResult(IReadOnlyList<RepairedChecksum> Checksums, IReadOnlyList<History.HistoryEventRecord> ClearedFailures, bool DryRun)
{
    /// <summary>True when no checksum was edited and no failure was recorded.</summary>
    public bool NothingToDo => Checksums.Count == 0 && ClearedFailures.Count == 0;
}

/// <summary>An applied migration whose edited file was accepted: its history checksum now matches the file.</summary>
public sealed record RepairedChecksum(string Version, string Name, string Path, string OldChecksum, string NewChecksum);

/// <summary>What <see cref="Migrator.ResolveAsync"/> changed.</summary>
public sealed record ResolveResult(string Version, string Name, bool Applied, string Message);

/// <summary>A generated down migration: its SQL, hazards, what it cannot do, and where it was written (if asked).</summary>
public sealed record GeneratedDownMigration(
    string Version,
    string Name,
    string Sql,
    IReadOnlyList<string> Hazards,
    IReadOnlyList<string> DataLoss,
    IReadOnlyList<string> Unsupported,
    string? ExistingDownFile,
    string? WrittenTo);
