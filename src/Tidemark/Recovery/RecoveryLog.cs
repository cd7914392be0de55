using Microsoft.Extensions.Logging;

namespace Tidemark.Recovery;

/// <summary>Log messages of rollback, resume verification, repair and resolve (event ids 5xxx).</summary>
internal static partial class RecoveryLog
{
    [LoggerMessage(6001, LogLevel.Information, "Rolling back {Version} {Name} with {DownPath} ({Statements} statements{Mode})")]
    public static partial void RollingBack(ILogger logger, string version, string name, string downPath, int statements, string mode);

    [LoggerMessage(6002, LogLevel.Information, "Rolled back {Version} {Name} in {ElapsedMs:0.0} ms")]
    public static partial void RolledBack(ILogger logger, string version, string name, double elapsedMs);

    [LoggerMessage(6003, LogLevel.Warning, "Repair: {What}")]
    public static partial void Repaired(ILogger logger, string what);

    [LoggerMessage(6004, LogLevel.Warning, "Resolve: {What}")]
    public static partial void Resolved(ILogger logger, string what);

    [LoggerMessage(6005, LogLevel.Error, "Rollback of {Version} {Name} failed: {Message}")]
    public static partial void RollbackFailed(ILogger logger, string version, string name, string message);
}
