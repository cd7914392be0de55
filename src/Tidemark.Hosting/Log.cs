using Microsoft.Extensions.Logging;

using Tidemark.Shadow;

namespace Tidemark.Hosting;

/// <summary>Messages of the start-up runner; event ids 5000-5099 are stable and documented in README.md.</summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Information, "Tidemark {Mode} at start-up: database {Database}, migrations from {Source}")]
    public static partial void Starting(ILogger logger, TidemarkMode mode, string database, string source);

    [LoggerMessage(5001, LogLevel.Information, "Tidemark is off ({Setting} = Off); nothing runs at start-up")]
    public static partial void Off(ILogger logger, string setting);

    [LoggerMessage(5002, LogLevel.Warning, "Database {Database} does not accept connections yet (attempt {Attempt}): {Reason}; retrying in {DelaySeconds:0.0}s ({RemainingSeconds:0}s left of {Setting})")]
    public static partial void DatabaseNotReady(ILogger logger, string database, int attempt, string reason, double delaySeconds, double remainingSeconds, string setting);

    [LoggerMessage(5003, LogLevel.Information, "Database {Database} accepted a connection after {Attempts} attempts ({ElapsedSeconds:0.0}s)")]
    public static partial void DatabaseReady(ILogger logger, string database, int attempts, double elapsedSeconds);

    [LoggerMessage(5004, LogLevel.Information, "Database is at version {Version}: {Applied} migrations applied at start-up in {ElapsedMs:0} ms")]
    public static partial void Migrated(ILogger logger, string version, int applied, double elapsedMs);

    [LoggerMessage(5005, LogLevel.Information, "Validate mode: database is up to date at version {Version}")]
    public static partial void Validated(ILogger logger, string version);

    [LoggerMessage(5006, LogLevel.Warning, "No database connection is configured; started a throwaway local PostgreSQL at {Database} (data in {DataDirectory}, deleted when the application stops)")]
    public static partial void LocalPostgresStarted(ILogger logger, string database, string dataDirectory);

    [LoggerMessage(5007, LogLevel.Information, "Stopped the throwaway local PostgreSQL and deleted {DataDirectory}")]
    public static partial void LocalPostgresStopped(ILogger logger, string dataDirectory);

    [LoggerMessage(5008, LogLevel.Information, "Using the connection from {Origin}: {Database}")]
    public static partial void UsingConnection(ILogger logger, string origin, string database);

    [LoggerMessage(5010, LogLevel.Warning, "Start-up migration cancelled after {ElapsedSeconds:0.0}s because the host is stopping; any migration in progress was rolled back and the application will not start")]
    public static partial void Cancelled(ILogger logger, double elapsedSeconds);

    [LoggerMessage(5020, LogLevel.Error, "Migration at start-up failed; the application will not start. {Message}")]
    public static partial void Failed(ILogger logger, Exception exception, string message);

    [LoggerMessage(5021, LogLevel.Error, "Validate mode: the database is not up to date; the application will not start. {Message}")]
    public static partial void NotUpToDate(ILogger logger, string message);

    [LoggerMessage(5022, LogLevel.Error, "Database {Database} did not accept connections within {TimeoutSeconds:0}s ({Attempts} attempts): {Reason}")]
    public static partial void DatabaseUnreachable(ILogger logger, string database, double timeoutSeconds, int attempts, string reason);
}
