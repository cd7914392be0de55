namespace Tidemark.Reconciliation;

/// <summary>Which case reconciliation found: where the database stands against its migrations.</summary>
public enum ReconciliationCase
{
    /// <summary>No history and no objects: every migration runs as written.</summary>
    Empty,

    /// <summary>The catalog is exactly the schema after the version the history marks.</summary>
    Equal,

    /// <summary>The catalog is the schema after the marked version plus part of what the next migration does: that migration is completed statement by statement.</summary>
    HalfAppliedNext,

    /// <summary>The catalog differs from the schema after the marked version in ways no migration explains: the drift gate decides.</summary>
    Drift,

    /// <summary>The catalog is exactly the schema after another version than the history marks: refused.</summary>
    Contradiction,

    /// <summary>No history: the longest prefix of the migrations the catalog already reflects is adopted.</summary>
    Adopted,

    /// <summary>The history was taken as it is: neither an integrity file nor a shadow database could tell the schema after its version.</summary>
    Unverified,
}

/// <summary>
/// What reconciliation found, and why: which history marks the version (Tidemark's, another tool's, a
/// team's hand-made table, or none), the version it marks, and how the live catalog compares with the
/// schema after that version. Produced by migrate, status, plan and the hosted service alike.
/// </summary>
/// <param name="Case">Which case was found.</param>
/// <param name="History">The history that marks the version: "tidemark.history", "drizzle.__drizzle_migrations (drizzle history)", "public.migrations_applied (hand-made history)", or null when none exists.</param>
/// <param name="HistoryRows">How many migrations that history records.</param>
/// <param name="Version">The version the history marks (null: none).</param>
/// <param name="Reason">One sentence saying what was found and what is (or would be) done.</param>
public sealed record ReconciliationReport(ReconciliationCase Case, string? History, int HistoryRows, string? Version, string Reason)
{
    /// <summary>Object- and attribute-level differences (drift, contradiction), both directions.</summary>
    public IReadOnlyList<string> Differences { get; init; } = [];

    /// <summary>The half-applied migration (<see cref="ReconciliationCase.HalfAppliedNext"/>): its version and file.</summary>
    public string? HalfAppliedVersion { get; init; }

    /// <summary>The file of the half-applied migration.</summary>
    public string? HalfAppliedPath { get; init; }

    /// <summary>Statement by statement: which effects were already there (skipped) and which ran (or would run).</summary>
    public IReadOnlyList<string> Statements { get; init; } = [];

    /// <summary>Whether the history marks a version through another tool's or a team's table (imported), rather than Tidemark's own.</summary>
    public bool Imported { get; init; }
}
