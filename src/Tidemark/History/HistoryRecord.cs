namespace Tidemark.History;

/// <summary>How a history row came to be.</summary>
internal static class HistoryKinds
{
    public const string Versioned = "versioned";
    public const string Repeatable = "repeatable";
    public const string Adopted = "adopted";
}

/// <summary>Whether a history row's migration finished.</summary>
internal static class HistoryStatuses
{
    /// <summary>Every statement ran and was committed.</summary>
    public const string Applied = "applied";

    /// <summary>A non-transactional migration in progress or interrupted: <c>statements_done</c> of <c>statements_total</c> ran.</summary>
    public const string Partial = "partial";
}

/// <summary>One row of <c>tidemark.history</c>.</summary>
internal sealed record HistoryRecord(
    long Id,
    string Version,
    string Name,
    string Kind,
    string Checksum,
    string Status,
    DateTimeOffset AppliedAt,
    string AppliedBy,
    int DurationMs,
    int StatementsTotal,
    int StatementsDone)
{
    /// <summary>The file, relative to the migrations folder (history format 2; null for rows written by format 1).</summary>
    public string? Path { get; init; }

    /// <summary>For adopted rows: where the knowledge came from ("catalog", or another tool's or a team's history table).</summary>
    public string? Source { get; init; }

    /// <summary>The file when known, else "migration 0003 (add users)".</summary>
    public string Describe => Path ?? (Name.Length == 0 ? $"migration {Version}" : $"migration {Version} ({Name})");

    public bool IsApplied => Status == HistoryStatuses.Applied;

    public bool IsPartial => Status == HistoryStatuses.Partial;

    public bool IsRepeatable => Kind == HistoryKinds.Repeatable;
}

/// <summary>What the history table holds, or that it does not exist yet.</summary>
internal sealed record HistorySnapshot(bool Exists, IReadOnlyList<HistoryRecord> Records)
{
    public static HistorySnapshot Missing { get; } = new(false, []);

    /// <summary>Versioned (and adopted) rows by version.</summary>
    public IReadOnlyDictionary<string, HistoryRecord> ByVersion { get; } =
        Records.Where(r => !r.IsRepeatable).GroupBy(r => r.Version, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    /// <summary>The latest row of each repeatable migration, by name.</summary>
    public IReadOnlyDictionary<string, HistoryRecord> LatestRepeatable { get; } =
        Records.Where(r => r.IsRepeatable).GroupBy(r => r.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Id)!, StringComparer.Ordinal);
}

/// <summary>Kinds of audit events.</summary>
internal static class HistoryEventKinds
{
    public const string Failure = "failure";
    public const string Repair = "repair";
    public const string Resolve = "resolve";
    public const string Adopt = "adopt";
    public const string Rollback = "rollback";
}

/// <summary>An audit event about to be written.</summary>
internal sealed record HistoryEvent(string Kind, string? Version, string? Name, string Message, string? Detail);

/// <summary>A row of the audit trail.</summary>
public sealed record HistoryEventRecord(long Id, DateTimeOffset At, string By, string Host, string Kind, string? Version, string? Name, string Message, string? Detail);
