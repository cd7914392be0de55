using Tidemark.History.Foreign;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tidemark.Execution;
using Tidemark.History;
using Tidemark.Effects;

namespace Tidemark.Recovery;

/// <summary>
/// Runs down migrations on the work connection (under the caller's migration lock). A transactional
/// down runs as one batch with the DELETE of its history row in the same transaction, with
/// <c>lock_timeout</c> and jittered retries like migrate; a non-transactional one (e.g. DROP INDEX
/// CONCURRENTLY) runs statement by statement and removes the row after the last statement.
/// Errors are mapped to the down file's line like migrate's. Under a lease, each removal of a history row
/// carries the lease's fence, so a runner that lost its lease cannot change the history.
/// </summary>
internal sealed class DownExecutor(NpgsqlDataSource dataSource, NpgsqlConnection connection, HistoryTable table, ExecutionSettings settings, ILogger logger, bool syncDrizzle, Locking.LeaseFence? fence)
{
    private const string LockNotAvailable = "55P03";

    public async Task<RolledBackMigration> RunAsync(RollbackStep step, string? versionAfter, CancellationToken ct)
    {
        var down = step.Down;
        var m = step.Migration;
        RecoveryLog.RollingBack(logger, m.Version, m.Name, down.Migration.Path, down.Statements.Count, down.Transactional ? "" : ", one by one outside a transaction");
        var clock = Stopwatch.StartNew();
        if (down.Transactional)
        {
            await RunTransactionalWithRetriesAsync(step, ct).ConfigureAwait(false);
        }
        else
        {
            await RunNonTransactionalAsync(step, ct).ConfigureAwait(false);
        }

        await HistoryEdits.AddEventAsync(connection, table, new HistoryEvent(HistoryEventKinds.Rollback, m.Version, m.Name,
            $"rolled back {m.Label} with {down.Migration.Path}; database is at {MigrationExecutor.DescribeVersion(versionAfter)}", null), null, ct).ConfigureAwait(false);
        RecoveryLog.RolledBack(logger, m.Version, m.Name, clock.Elapsed.TotalMilliseconds);
        return new RolledBackMigration(m.Version, m.Name, down.Migration.Path, down.Statements.Count, down.Transactional, clock.Elapsed);
    }

    private async Task RunTransactionalWithRetriesAsync(RollbackStep step, CancellationToken ct)
    {
        var attempts = Math.Max(1, settings.LockAttempts);
        BlockerMonitor? monitor = null;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await RunTransactionalOnceAsync(step, ct).ConfigureAwait(false);
                    return;
                }
                catch (MigrationFailedException ex) when (ex.Failure.SqlState == LockNotAvailable && attempt < attempts)
                {
                    monitor ??= BlockerMonitor.Start(dataSource, connection.ProcessID);
                    var pause = TimeSpan.FromMilliseconds(Math.Min(250 * Math.Pow(2, attempt - 1), 5000) * (0.5 + Random.Shared.NextDouble()));
                    await Task.Delay(pause, ct).ConfigureAwait(false);
                }
                catch (MigrationFailedException ex) when (ex.Failure.SqlState == LockNotAvailable && attempts > 1)
                {
                    var blockers = monitor?.Seen ?? [];
                    var who = blockers.Count == 0 ? "the blocking session was not seen" : "blocked by " + string.Join("; ", blockers);
                    throw new MigrationFailedException(ex.Failure with
                    {
                        Detail = $"gave up after {attempts} attempts with lock_timeout {settings.LockTimeout?.TotalMilliseconds:0} ms: {who}",
                        NextStep = blockers.Count == 0
                            ? "Run the rollback again when the table is less busy, or raise LockTimeout / LockAttempts."
                            : $"Wait for pid {blockers[0].Pid} to finish, or end it with SELECT pg_terminate_backend({blockers[0].Pid}); then run `tidemark rollback` again.",
                    }, ex.InnerException ?? ex);
                }
            }
        }
        finally
        {
            if (monitor is not null)
            {
                await monitor.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task RunTransactionalOnceAsync(RollbackStep step, CancellationToken ct)
    {
        var down = step.Down;
        var m = step.Migration;
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, tx);
        foreach (var set in settings.SetStatements(local: true))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(set));
        }

        var first = batch.BatchCommands.Count;
        foreach (var statement in down.Statements)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(statement.Text));
        }

        batch.BatchCommands.Add(HistoryEdits.DeleteCommand(table, step.Row.Id));
        if (syncDrizzle)
        {
            batch.BatchCommands.Add(DrizzleHistoryTable.CreateDelete(m));
        }

        if (fence is not null)
        {
            batch.BatchCommands.Add(fence.CreateBatchCommand());
        }

        try
        {
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            var index = FailureMapper.FailedIndex(batch, ex, first);
            if (index is null || index < 0 || index >= down.Statements.Count)
            {
                throw;
            }

            await SafeRollbackAsync(tx).ConfigureAwait(false);
            RecoveryLog.RollbackFailed(logger, m.Version, m.Name, ex.MessageText);
            throw new MigrationFailedException(FailureMapper.Map(down, index.Value, ex,
                $"rolled back; no statement of the down file ran, and {m.Label} is still applied.",
                $"Fix line {{line}} of {down.Migration.Path} and run the rollback again."), ex);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private async Task RunNonTransactionalAsync(RollbackStep step, CancellationToken ct)
    {
        var down = step.Down;
        var m = step.Migration;
        foreach (var set in settings.SetStatements(local: false, includeLockTimeout: false))
        {
            await using var cmd = new NpgsqlCommand(set, connection);
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await ResumeVerifier.PrepareSessionAsync(connection, ct).ConfigureAwait(false);
        for (var i = 0; i < down.Statements.Count; i++)
        {
            try
            {
                await using var cmd = new NpgsqlCommand(down.Statements[i].Text, connection) { CommandTimeout = 0 };
                await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            catch (PostgresException ex)
            {
                RecoveryLog.RollbackFailed(logger, m.Version, m.Name, ex.MessageText);
                var state = i == 0
                    ? $"statement 1 of the down file failed; nothing of it ran and {m.Label} is still applied."
                    : $"statements 1–{i} of the down file ran (outside a transaction) but {m.Label} is still recorded as applied; the database is between versions.";
                throw new MigrationFailedException(FailureMapper.Map(down, i, ex, state,
                    i == 0
                        ? $"Fix line {{line}} of {down.Migration.Path} and run the rollback again."
                        : $"Fix line {{line}} of {down.Migration.Path}, finish the remaining statements by hand, then record it with `tidemark resolve {m.Version} --rolled-back`."), ex);
            }
        }

        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var remove = new NpgsqlBatch(connection, tx) { BatchCommands = { HistoryEdits.DeleteCommand(table, step.Row.Id) } };
        if (syncDrizzle)
        {
            remove.BatchCommands.Add(DrizzleHistoryTable.CreateDelete(m));
        }

        if (fence is not null)
        {
            remove.BatchCommands.Add(fence.CreateBatchCommand());
        }

        await remove.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private static async Task SafeRollbackAsync(NpgsqlTransaction tx)
    {
        try
        {
            await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
        }
    }
}
