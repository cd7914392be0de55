using System.Text.Json.Serialization;

namespace Tidemark.Cli.Output;

// The documented --json shapes (README: "JSON output"). Every document has "version": 1.
// Every duration is a whole number of milliseconds (…Ms), as history rows record them.
internal sealed record JsonError(string Kind, string Message, string? NextStep, JsonFailure? Failure, IReadOnlyList<JsonProblem>? Problems)
{
    /// <summary>adoption_refused / drift_detected: each difference, at object and attribute level.</summary>
    public IReadOnlyList<string>? Differences { get; init; }
}

internal sealed record JsonAdopted(string Version, string Name, string Source);

/// <summary>What reconciliation found: case, history used, version, reason, differences, statements.</summary>
internal sealed record JsonReconciliation(string Case, string? History, int HistoryRows, string? Version, string Reason, IReadOnlyList<string>? Differences, string? HalfApplied, IReadOnlyList<string>? Statements)
{
    public static JsonReconciliation? From(Tidemark.Reconciliation.ReconciliationReport? r) => r is null ? null
        : new(ToSnake(r.Case.ToString()), r.History, r.HistoryRows, r.Version, r.Reason, r.Differences.Count == 0 ? null : r.Differences, r.HalfAppliedPath,
            r.Statements.Count == 0 ? null : r.Statements);

    private static string ToSnake(string s) => string.Concat(s.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

internal sealed record JsonDrift(string Version, string ExpectedFingerprint, string ActualFingerprint, IReadOnlyList<string> Differences);

internal sealed record JsonHashResult(int Version, bool Ok, string File, int Migrations, int PostgresMajor, string Shadow, long ElapsedMs);

internal sealed record JsonFailure(string Migration, string Name, string File, int Line, int Column, int Statement, int StatementCount,
    string? SqlState, string Message, string? Detail, string? Hint, string? Where, string DatabaseState);

internal sealed record JsonProblem(string Kind, string Version, string Name, string? File, string Message, string NextStep);

internal sealed record JsonApplied(string Version, string Name, string Kind, string File, int Statements, long DurationMs, bool Resumed)
{
    /// <summary>What a resumed migration found before continuing; omitted when empty.</summary>
    public IReadOnlyList<string>? Notes { get; init; }
}

internal sealed record JsonMigrateResult(int Version, bool Ok, string? CurrentVersion, int AppliedCount, IReadOnlyList<JsonApplied> Applied,
    long ElapsedMs, long LockWaitMs, bool FastPath, JsonError? Error)
{
    // Written only when not empty, so documents of ordinary runs keep their shape.
    public IReadOnlyList<JsonAdopted>? Adopted { get; init; }

    public IReadOnlyList<JsonAdopted>? Imported { get; init; }

    public IReadOnlyList<string>? Warnings { get; init; }

    public JsonDrift? Drift { get; init; }

    public JsonReconciliation? Reconciliation { get; init; }
}

internal sealed record JsonMigrationState(string Version, string Name, string Kind, string State, string? File, DateTimeOffset? AppliedAt,
    string? AppliedBy, int? DurationMs, string? Detail)
{
    /// <summary>Where an applied migration's record comes from (another tool's or a team's history); omitted for Tidemark's own.</summary>
    public string? Source { get; init; }
}

internal sealed record JsonEvent(DateTimeOffset At, string By, string Host, string Kind, string? Version, string? Name, string Message);

internal sealed record JsonStatus(int Version, bool Ok, string? Database, string? Source, string? HistoryTable, string? CurrentVersion,
    int Applied, int Pending, IReadOnlyList<JsonMigrationState> Migrations, IReadOnlyList<JsonProblem> Problems, JsonError? Error)
{
    public JsonEvent? LastFailure { get; init; }

    public IReadOnlyList<JsonEvent> Events { get; init; } = [];

    public JsonDrift? Drift { get; init; }

    public JsonReconciliation? Reconciliation { get; init; }
}

internal sealed record JsonPlanStep(string Version, string Name, string Action, string File, int Statements, bool Transactional, string Reason);

internal sealed record JsonPlan(int Version, bool Ok, string? CurrentVersion, IReadOnlyList<JsonPlanStep> Steps, IReadOnlyList<JsonProblem> Problems, JsonError? Error);

internal sealed record JsonChange(string Kind, string Object, string Sql, IReadOnlyList<string> Hazards, string? Reason, bool CommitAfter)
{
    /// <summary>The hazards' shared codes (TM200...), in the order of <see cref="Hazards"/>.</summary>
    public IReadOnlyList<string>? Codes { get; init; }
}

internal sealed record JsonDiff(int Version, bool Ok, bool Identical, string Hazards, IReadOnlyList<JsonChange> Changes, IReadOnlyList<string> Unsupported)
{
    /// <summary>Where each side came from (database, folder, schema file, empty).</summary>
    public string? From { get; init; }

    public string? To { get; init; }

    /// <summary>Objects found that the model does not compare, per side (<c>from: range types: 2 (public.span)</c>).</summary>
    public IReadOnlyList<string>? NotCompared { get; init; }

    /// <summary>Renames applied from hints in the desired schema.</summary>
    public IReadOnlyList<string>? Renames { get; init; }
}

internal sealed record JsonGenerateResult(int Version, bool Ok, string? File, bool Empty, IReadOnlyList<string> Hazards, IReadOnlyList<string> NotCompared);

internal sealed record JsonPushResult(int Version, bool Ok, bool Empty, IReadOnlyList<JsonChange> Applied, IReadOnlyList<string> NotCompared, double ElapsedMs);

internal sealed record JsonGeneratedDown(int Version, bool Ok, string Migration, string Name, string Sql, IReadOnlyList<string> Hazards,
    IReadOnlyList<string> DataLoss, IReadOnlyList<string> Unsupported, string? ExistingDownFile, string? WrittenTo);

internal sealed record JsonNewResult(int Version, bool Ok, string File);

internal sealed record JsonErrorOnly(int Version, bool Ok, JsonError Error);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(JsonMigrateResult))]
[JsonSerializable(typeof(JsonStatus))]
[JsonSerializable(typeof(JsonPlan))]
[JsonSerializable(typeof(JsonErrorOnly))]
[JsonSerializable(typeof(JsonNewResult))]
[JsonSerializable(typeof(JsonRollbackResult))]
[JsonSerializable(typeof(JsonRepairResult))]
[JsonSerializable(typeof(JsonResolveResult))]
[JsonSerializable(typeof(JsonGeneratedDown))]
[JsonSerializable(typeof(JsonDiff))]
[JsonSerializable(typeof(JsonGenerateResult))]
[JsonSerializable(typeof(JsonPushResult))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(JsonHashResult))]
[JsonSerializable(typeof(JsonFleetResult))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

/// <summary><c>migrate --targets/--tenant-schemas --json</c>: one entry per target, in the targets' order.</summary>
internal sealed record JsonFleetResult(int Version, bool Ok, int Total, int Failed, int Skipped, double ElapsedMs, IReadOnlyList<JsonTarget> Targets, JsonError? Error);

internal sealed record JsonTarget(
    string Name,
    bool Ok,
    bool Skipped,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? CurrentVersion,
    int AppliedCount,
    double DurationMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Error);
