namespace Tidemark.Reconciliation;

/// <summary>What to do when the live schema differs from the one the applied migrations produce.</summary>
public enum DriftPolicy
{
    /// <summary>Stop before applying anything (default).</summary>
    Refuse,

    /// <summary>Log a warning, record an event, and continue.</summary>
    Warn,

    /// <summary>Do not check.</summary>
    Ignore,
}

/// <summary>What to do with a half-applied migration found while adopting an existing database.</summary>
public enum ReconcilePolicy
{
    /// <summary>Refuse and explain (default): nothing is executed that the migrations do not say.</summary>
    Off,

    /// <summary>Apply only the difference between the live schema and the schema after that migration (hazard-gated), then continue.</summary>
    Apply,
}

/// <summary>
/// Drift: the live schema is not the one recorded after the last applied migration.
/// <see cref="Basis"/> says where the expected fingerprint came from (history row, integrity file).
/// </summary>
public sealed record DriftReport(string Summary, string Version, string ExpectedFingerprint, string ActualFingerprint, IReadOnlyList<string> Differences)
{
    /// <summary>Where the expected fingerprint came from: the history row of the last applied migration, or <c>tidemark.sum</c>.</summary>
    public string Basis { get; init; } = "";
}

/// <summary>A migration recorded as applied without running it: adopted (the schema already reflects it) or imported from another tool's history.</summary>
public sealed record AdoptedMigration(string Version, string Name, string Source);
