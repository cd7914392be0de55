using Microsoft.Extensions.Logging;
using Npgsql;

namespace Tidemark.Locking;

/// <summary>Takes the run's lock with the configured <see cref="LockStrategy"/>, resolving <see cref="LockStrategy.Auto"/> by probing the connection.</summary>
internal static partial class RunLocks
{
    /// <summary>
    /// The run's lock. Null only with <paramref name="doneMeanwhile"/> (advisory strategy): the holder released the
    /// lock and the check says its run did the work, so there is nothing left to lock for.
    /// </summary>
    public static async Task<IRunLock?> AcquireAsync(
        NpgsqlDataSource dataSource, MigratorOptions options, ILogger logger, Action<LockHolder?>? onWaiting,
        Func<NpgsqlConnection, CancellationToken, Task<bool>>? doneMeanwhile, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            var traits = await ConnectionProbe.ProbeAsync(connection, ct).ConfigureAwait(false);
            var strategy = options.LockStrategy;
            if (strategy == LockStrategy.Auto)
            {
                strategy = traits.AdvisoryLocksWork ? LockStrategy.Advisory : LockStrategy.Lease;
                StrategyChosen(logger, strategy.ToString().ToLowerInvariant(), traits.Reason);
            }
            else if (strategy == LockStrategy.Advisory && !traits.AdvisoryLocksWork)
            {
                throw new TidemarkException(
                    $"The advisory lock strategy cannot serialise runners on this connection: {traits.Reason}.",
                    "Use --lock lease (LockStrategy = Lease) or --lock auto, or connect directly to the server (not through a transaction pooler).");
            }

            if (strategy == LockStrategy.Advisory)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                var key = MigrationLock.KeyFor(options.HistorySchema, options.HistoryTable);
                return await MigrationLock.AcquireAsync(dataSource, key, options.LockWaitTimeout, logger, onWaiting, doneMeanwhile, ct).ConfigureAwait(false);
            }

            return await LeaseLock.AcquireAsync(dataSource, connection, options.HistorySchema, options.HistoryTable, options.LeaseDuration,
                options.LockWaitTimeout, traits.Pooled, logger, onWaiting, ct).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    [LoggerMessage(2013, LogLevel.Information, "Lock strategy: {Strategy} ({Reason})")]
    private static partial void StrategyChosen(ILogger logger, string strategy, string reason);
}
