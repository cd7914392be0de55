using Microsoft.Extensions.Logging;

namespace Tidemark.Diagnostics;

/// <summary>
/// Every message the library logs, with stable event ids (documented in the README):
/// 1xxx run lifecycle, 2xxx locking, 3xxx per-migration, 4xxx validation and problems.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Nothing to migrate: {Applied} migrations applied, all checksums match ({ElapsedMs:0.0} ms, fast path)")]
    public static partial void UpToDate(ILogger logger, int applied, double elapsedMs);

    [LoggerMessage(1001, LogLevel.Information, "Migrating {Database}: {Pending} pending of {Total} migrations from {Source}")]
    public static partial void Starting(ILogger logger, string database, int pending, int total, string source);

    [LoggerMessage(1002, LogLevel.Information, "Migrated {Count} migrations in {ElapsedMs:0} ms; database is at version {Version}")]
    public static partial void Finished(ILogger logger, int count, double elapsedMs, string version);

    [LoggerMessage(1003, LogLevel.Information, "Another runner finished the work while this one waited for the lock; nothing to do")]
    public static partial void NothingAfterWait(ILogger logger);

    [LoggerMessage(2000, LogLevel.Information, "Waiting for the migration lock held by pid {Pid} ({ApplicationName}, {ClientAddress}, connected {HeldForSeconds:0}s ago); waited {WaitedSeconds:0.0}s")]
    public static partial void WaitingForLock(ILogger logger, int pid, string applicationName, string clientAddress, double heldForSeconds, double waitedSeconds);

    [LoggerMessage(2001, LogLevel.Information, "Acquired the migration lock after {WaitedMs:0} ms")]
    public static partial void LockAcquiredAfterWait(ILogger logger, double waitedMs);

    [LoggerMessage(3000, LogLevel.Information, "Applying {Version} {Name} ({Statements} statements{Mode})")]
    public static partial void Applying(ILogger logger, string version, string name, int statements, string mode);

    [LoggerMessage(3001, LogLevel.Information, "Applied {Version} {Name} in {ElapsedMs:0.0} ms")]
    public static partial void Applied(ILogger logger, string version, string name, double elapsedMs);

    [LoggerMessage(3002, LogLevel.Information, "{Version} {Name}: statement {Done}/{Total} done")]
    public static partial void StatementDone(ILogger logger, string version, string name, int done, int total);

    [LoggerMessage(3003, LogLevel.Warning, "{Version} {Name} was interrupted after statement {Done} of {Total}; resuming at statement {Next}")]
    public static partial void Resuming(ILogger logger, string version, string name, int done, int total, int next);

    [LoggerMessage(3004, LogLevel.Information, "{Version} {Name}: ignoring the BEGIN/COMMIT that wrap the whole file; Tidemark runs each migration in its own transaction")]
    public static partial void IgnoredWrappingTransaction(ILogger logger, string version, string name);

    [LoggerMessage(3005, LogLevel.Warning, "{Migration}: lock_timeout on attempt {Attempt} of {Attempts}; rolled back, retrying in {PauseMs:0} ms")]
    public static partial void LockTimeoutRetry(ILogger logger, string migration, int attempt, int attempts, double pauseMs);

    [LoggerMessage(3006, LogLevel.Information, "Applying {Count} migrations ({First}..{Last}) in one transaction")]
    public static partial void ApplyingGroup(ILogger logger, int count, string first, string last);

    [LoggerMessage(3007, LogLevel.Information, "Applied {Count} migrations in {ElapsedMs:0} ms")]
    public static partial void AppliedGroup(ILogger logger, int count, double elapsedMs);

    [LoggerMessage(3008, LogLevel.Information, "Group transaction failed at {Version} ({SqlState}); applying the migrations before it, then {Version} on its own")]
    public static partial void GroupFellBack(ILogger logger, string version, string sqlState);

    [LoggerMessage(4000, LogLevel.Error, "Migration {Version} {Name} failed: {Message}")]
    public static partial void MigrationFailed(ILogger logger, string version, string name, string message);

    [LoggerMessage(4001, LogLevel.Warning, "Applying out-of-order migration {Version} {Name} (newer migrations are already applied)")]
    public static partial void OutOfOrder(ILogger logger, string version, string name);

    [LoggerMessage(1020, LogLevel.Warning, "{Warning}")]
    public static partial void EmptyMigration(ILogger logger, string warning);

    [LoggerMessage(6000, LogLevel.Warning, "{Version} {Name}: before resuming at statement {Statement}: {Note}")]
    public static partial void ResumeChecked(ILogger logger, string version, string name, int statement, string note);
}
