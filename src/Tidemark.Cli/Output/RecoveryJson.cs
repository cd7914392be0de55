namespace Tidemark.Cli.Output;

// --json shapes of rollback, repair and resolve (README: "JSON output"). Every document has "version": 1.
internal sealed record JsonRolledBack(string Version, string Name, string File, int Statements, bool Transactional, long DurationMs)
{
    /// <summary>What a generated down destroys; such a step needs --allow-data-loss. Omitted when empty.</summary>
    public IReadOnlyList<string>? DataLoss { get; init; }
}

internal sealed record JsonRollbackResult(int Version, bool Ok, bool DryRun, string? FromVersion, string? ToVersion, IReadOnlyList<JsonRolledBack> Steps, long ElapsedMs);

internal sealed record JsonRepairedChecksum(string Version, string Name, string File, string OldChecksum, string NewChecksum);

internal sealed record JsonRepairResult(int Version, bool Ok, bool DryRun, IReadOnlyList<JsonRepairedChecksum> Checksums, IReadOnlyList<JsonEvent> ClearedFailures);

internal sealed record JsonResolveResult(int Version, bool Ok, string Migration, string Name, string Resolution, string Message);
