using Microsoft.Extensions.Logging;

namespace Tidemark.Reconciliation;

/// <summary>Log messages of existing-database handling (event ids 5xxx).</summary>
internal static partial class AdoptionLog
{
    [LoggerMessage(7000, LogLevel.Information, "Adopted {Count} of the migrations ({First}–{Last}), which the database already reflects; 0 statements executed")]
    public static partial void Adopted(ILogger logger, int count, string first, string last);

    [LoggerMessage(7001, LogLevel.Information, "Imported {Count} of the migrations ({First}–{Last}) from {Table}; not re-run")]
    public static partial void Imported(ILogger logger, int count, string first, string last, string table);

    [LoggerMessage(7002, LogLevel.Information, "Reconciliation: {Case}: {Reason}")]
    public static partial void Found(ILogger logger, string @case, string reason);

    [LoggerMessage(7003, LogLevel.Warning, "{Message}")]
    public static partial void Integrity(ILogger logger, string message);

    [LoggerMessage(7004, LogLevel.Warning, "Drift: {Summary} {Differences}")]
    public static partial void Drift(ILogger logger, string summary, string differences);

    [LoggerMessage(7005, LogLevel.Debug, "Drift not checked: {Reason}")]
    public static partial void DriftNotChecked(ILogger logger, string reason);

    [LoggerMessage(7006, LogLevel.Information, "Replayed {Count} migrations in the {Shadow} in {ElapsedMs:0} ms")]
    public static partial void Replayed(ILogger logger, int count, string shadow, double elapsedMs);

    [LoggerMessage(7007, LogLevel.Warning, "Reconciled {Version}: executed {Count} statements to complete it: {Statements}")]
    public static partial void Reconciled(ILogger logger, string version, int count, string statements);
}
