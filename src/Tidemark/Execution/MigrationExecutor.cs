using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tidemark.Diagnostics;
using Tidemark.History;
using Tidemark.History.Foreign;
using Tidemark.Planning;
using Tidemark.Sources;
using Tidemark.Effects;

namespace Tidemark.Execution;

/// <summary>
/// Runs prepared migrations on one connection. Transactional migrations go to the server as one
/// batch (statements, then their history row) inside one transaction: a failure leaves nothing.
/// Non-transactional ones run statement by statement, each recorded as done, so an interrupted
/// run leaves an exact record to resume from.
/// </summary>
internal sealed partial class MigrationExecutor(
    NpgsqlDataSource dataSource,
    NpgsqlConnection connection,
    HistoryStore history,
    ExecutionSettings settings,
    ILogger logger,
    Action<MigrationProgress>? onProgress,
    DrizzleHistoryTable? drizzleHistory = null)
{
    /// <summary>
    /// Runs a transactional migration. When <paramref name="durable"/> is false the commit does not
    /// wait for the WAL flush (<c>synchronous_commit = off</c>): a crash can then lose this
    /// migration, but only together with its history row and every later one, never half of it.
    /// The last migration of a run always commits durably, which flushes all earlier ones too.
    /// </summary>
    public async Task<AppliedMigration> RunTransactionalAsync(
        PreparedMigration prepared, bool durable, string? versionBefore, CancellationToken ct)
    {
        if (settings.LockAttempts <= 1)
        {
            return await RunTransactionalOnceAsync(prepared, durable, versionBefore, ct).ConfigureAwait(false);
        }

        // lock_timeout keeps a migration from queueing the application's traffic behind it; on
        // 55P03 the transaction is rolled back and tried again after a jittered pause.
        BlockerMonitor? monitor = null;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await RunTransactionalOnceAsync(prepared, durable, versionBefore, ct).ConfigureAwait(false);
                }
                catch (MigrationFailedException ex) when (ex.Failure.SqlState == LockNotAvailable && attempt < settings.LockAttempts)
                {
                    var pause = TimeSpan.FromMilliseconds(Math.Min(250 * Math.Pow(2, attempt - 1), 5000) * (0.5 + Random.Shared.NextDouble()));
                    Log.LockTimeoutRetry(logger, migration: prepared.Migration.Version, attempt, settings.LockAttempts, pause.TotalMilliseconds);
                    monitor ??= BlockerMonitor.Start(dataSource, connection.ProcessID);
                    await Task.Delay(pause, ct).ConfigureAwait(false);
                }
                catch (MigrationFailedException ex) when (ex.Failure.SqlState == LockNotAvailable)
                {
                    var blockers = monitor?.Seen ?? [];
                    var who = blockers.Count == 0 ? "the blocking session was not seen" : "blocked by " + string.Join("; ", blockers);
                    var failure = ex.Failure with
                    {
                        Detail = $"gave up after {settings.LockAttempts} attempts with lock_timeout {settings.LockTimeout?.TotalMilliseconds:0} ms: {who}",
                        NextStep = blockers.Count == 0
                            ? "Run again when the table is less busy, or raise LockTimeout / LockAttempts."
                            : $"Wait for pid {blockers[0].Pid} to finish, or end it with SELECT pg_terminate_backend({blockers[0].Pid}); then run `tidemark migrate` again.",
                    };
                    throw new MigrationFailedException(failure, ex.InnerException ?? ex);
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

    private const string LockNotAvailable = "55P03";

    /// <summary>
    /// One round trip: BEGIN, the settings, every statement, the history row(s) and COMMIT go to
    /// the server as one batch. On an error the server skips the rest of the batch (COMMIT
    /// included) and the transaction is rolled back, so nothing of the migration remains.
    /// </summary>
    private async Task<AppliedMigration> RunTransactionalOnceAsync(PreparedMigration prepared, bool durable, string? versionBefore, CancellationToken ct)
    {
        var migration = prepared.Migration;
        Report(prepared, 0);
        Log.Applying(logger, migration.Version, migration.Name, prepared.Statements.Count, "");
        if (prepared.StrippedWrappingTransaction)
        {
            Log.IgnoredWrappingTransaction(logger, migration.Version, migration.Name);
        }

        var clock = Stopwatch.StartNew();
        await using var batch = BuildBatch([prepared], durable, out var spans);
        IReadOnlyList<TimeSpan> durations;
        try
        {
            durations = await ExecuteTimedAsync(batch, ct).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            await RollbackAsync().ConfigureAwait(false);
            var index = FailureMapper.FailedIndex(batch, ex, spans[0].FirstStatement);
            if (index is null || index < 0 || prepared.Statements.Count == 0)
            {
                throw;
            }

            // An error at COMMIT (a deferred constraint) belongs to the migration as a whole: point at its last statement.
            throw Failed(prepared, Math.Min(index.Value, prepared.Statements.Count - 1), ex,
                $"rolled back; no statement of {migration.Version} is applied and the database remains at {DescribeVersion(versionBefore)}.");
        }
        catch (OperationCanceledException)
        {
            await RollbackAsync().ConfigureAwait(false);
            throw;
        }

        var took = durations.Count > 0 ? durations[0] : clock.Elapsed;
        Log.Applied(logger, migration.Version, migration.Name, took.TotalMilliseconds);
        Report(prepared, prepared.Statements.Count, MigrationProgressPhase.MigrationDone, took);
        return new AppliedMigration(migration.Version, migration.Name, KindOf(migration), migration.Path,
            prepared.Statements.Count, took, Resumed: false);
    }

    /// <summary>
    /// Runs a batch built by <see cref="BuildBatch"/> and returns, per migration in it, the duration the server
    /// recorded on its history row (whole milliseconds, from its first statement to its history row) — the same
    /// number <c>status</c> shows later. Rows a migration's own statements return are skipped.
    /// </summary>
    private static async Task<IReadOnlyList<TimeSpan>> ExecuteTimedAsync(NpgsqlBatch batch, CancellationToken ct)
    {
        var durations = new List<TimeSpan>();
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        do
        {
            if (reader.FieldCount == 2 && reader.GetName(0) == HistoryTable.TimedVersionColumn && reader.GetName(1) == HistoryTable.TimedDurationColumn)
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    durations.Add(TimeSpan.FromMilliseconds(reader.GetInt32(1)));
                }
            }
        }
        while (await reader.NextResultAsync(ct).ConfigureAwait(false));
        return durations;
    }

    private MigrationFailedException Failed(PreparedMigration prepared, int statementIndex, PostgresException ex, string state)
    {
        var failure = FailureMapper.Map(prepared, statementIndex, ex, state,
            $"Fix line {{line}} of {prepared.Migration.Path} and run `tidemark migrate` again.");
        Log.MigrationFailed(logger, prepared.Migration.Version, prepared.Migration.Name, ex.MessageText);
        return new MigrationFailedException(failure, ex);
    }

    /// <summary>Where one migration's commands sit in a batch.</summary>
    private readonly record struct MigrationSpan(int FirstStatement, int End);

    /// <summary>
    /// One batch, one round trip: BEGIN, the settings, then for each migration its statements and
    /// history row(s), then COMMIT. On an error the server skips the rest (COMMIT included).
    /// </summary>
    private NpgsqlBatch BuildBatch(IReadOnlyList<PreparedMigration> migrations, bool durable, out List<MigrationSpan> spans)
    {
        // No client-side timeout (Npgsql's default is 30 s): a migration may run for minutes; statement_timeout is the setting for that.
        var batch = new NpgsqlBatch(connection) { Timeout = 0 };
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        foreach (var set in settings.SetStatements(local: true))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(set));
        }

        if (!durable)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
        }

        spans = new List<MigrationSpan>(migrations.Count);
        foreach (var prepared in migrations)
        {
            var migration = prepared.Migration;
            batch.BatchCommands.Add(new NpgsqlBatchCommand(HistoryTable.MarkMigrationStartSql));
            var first = batch.BatchCommands.Count;
            foreach (var statement in prepared.Statements)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(statement.Text));
            }

            batch.BatchCommands.Add(history.CreateTimedInsertBatchCommand(new HistoryRow(
                migration.Version, migration.Name, KindOf(migration), migration.Checksum, HistoryStatuses.Applied,
                0, prepared.Statements.Count, prepared.Statements.Count) { Path = migration.RelativePath }));
            if (drizzleHistory is not null && migration.Kind == MigrationKind.Versioned)
            {
                batch.BatchCommands.Add(drizzleHistory.CreateInsert(migration));
            }

            spans.Add(new MigrationSpan(first, batch.BatchCommands.Count));
        }

        if (history.Fence is not null)
        {
            batch.BatchCommands.Add(history.Fence.CreateBatchCommand());
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        return batch;
    }

    /// <summary>Ends an aborted (or cancelled) migration transaction; if the connection broke, the server already rolled back.</summary>
    private async Task RollbackAsync()
    {
        try
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
                await rollback.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone or broken: the server rolls back with the session.
        }
    }

    /// <summary>Runs a migration statement by statement, recording each one done; resumes where a previous run stopped.</summary>
    public async Task<AppliedMigration> RunNonTransactionalAsync(PreparedMigration prepared, PlanStep step, CancellationToken ct)
    {
        var migration = prepared.Migration;
        var total = prepared.Statements.Count;
        var start = step.Action == StepAction.Resume ? Math.Clamp(step.ResumeAt, 0, total) : 0;
        var clock = Stopwatch.StartNew();
        long id;
        if (step.Action == StepAction.Resume && step.HistoryId is { } existing)
        {
            id = existing;
            Log.Resuming(logger, migration.Version, migration.Name, start, total, start + 1);
        }
        else
        {
            Log.Applying(logger, migration.Version, migration.Name, total, ", one by one outside a transaction");
            id = await history.InsertAsync(connection, new HistoryRow(
                migration.Version, migration.Name, KindOf(migration), migration.Checksum, HistoryStatuses.Partial, 0, total, 0) { Path = migration.RelativePath }, null, ct).ConfigureAwait(false);
        }

        Report(prepared, start);
        foreach (var set in settings.SetStatements(local: false, includeLockTimeout: false))
        {
            await using var cmd = new NpgsqlCommand(set, connection);
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await ResumeVerifier.PrepareSessionAsync(connection, ct).ConfigureAwait(false);
        var notes = new List<string>();
        if (step.Action == StepAction.Resume && start < total)
        {
            // Statement start + 1 was in flight when the run stopped: read what it already did.
            var decision = await ResumeVerifier.CheckAsync(connection, prepared, start, ct).ConfigureAwait(false);
            notes.Add(decision.Note);
            Log.ResumeChecked(logger, migration.Version, migration.Name, start + 1, decision.Note);
            if (decision.Action == ResumeAction.Skip)
            {
                start++;
                await history.UpdateProgressAsync(connection, id, start, (int)clock.ElapsedMilliseconds, HistoryStatuses.Partial, ct).ConfigureAwait(false);
            }
        }

        for (var i = start; i < total; i++)
        {
            try
            {
                await using var batch = new NpgsqlBatch(connection) { Timeout = 0 };
                batch.BatchCommands.Add(new NpgsqlBatchCommand(prepared.Statements[i].Text));
                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            catch (PostgresException ex)
            {
                var state = i == 0
                    ? $"statement 1 failed and nothing of {migration.Version} is applied; its history row records 0 of {total} statements done."
                    : $"statements 1–{i} of {migration.Version} are applied and recorded; the next run resumes at statement {i + 1}.";
                var failure = FailureMapper.Map(prepared, i, ex, state,
                    $"Fix line {{line}} of {migration.Path} (statements already applied are not re-run) and run `tidemark migrate` again.");
                Log.MigrationFailed(logger, migration.Version, migration.Name, ex.MessageText);
                throw new MigrationFailedException(failure, ex);
            }

            await history.UpdateProgressAsync(connection, id, i + 1, (int)clock.ElapsedMilliseconds, HistoryStatuses.Partial, ct).ConfigureAwait(false);
            Log.StatementDone(logger, migration.Version, migration.Name, i + 1, total);
            Report(prepared, i + 1, MigrationProgressPhase.StatementDone);
        }

        await history.UpdateProgressAsync(connection, id, total, (int)clock.ElapsedMilliseconds, HistoryStatuses.Applied, ct).ConfigureAwait(false);
        if (drizzleHistory is not null && migration.Kind == MigrationKind.Versioned)
        {
            await using var drizzleRow = new NpgsqlBatch(connection) { BatchCommands = { drizzleHistory.CreateInsert(migration) } };
            await drizzleRow.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        if (settings.SearchPath is not null)
        {
            await using var resetPath = new NpgsqlCommand("RESET search_path", connection);
            await resetPath.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        if (settings.StatementTimeout is not null)
        {
            await using var reset = new NpgsqlCommand("RESET statement_timeout", connection);
            await reset.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        Log.Applied(logger, migration.Version, migration.Name, clock.Elapsed.TotalMilliseconds);
        Report(prepared, total, MigrationProgressPhase.MigrationDone, clock.Elapsed);
        return new AppliedMigration(migration.Version, migration.Name, KindOf(migration), migration.Path, total, clock.Elapsed, step.Action == StepAction.Resume)
        {
            Notes = notes,
        };
    }

    /// <summary>"version 0041" or "no version (nothing applied yet)".</summary>
    public static string DescribeVersion(string? version) => version is null ? "no version (nothing applied yet)" : $"version {version}";

    private static string KindOf(Migration m) => m.Kind == MigrationKind.Repeatable ? HistoryKinds.Repeatable : HistoryKinds.Versioned;

    private int _number;
    private int _count;

    public void SetRunSize(int count) => _count = count;

    private void Report(PreparedMigration prepared, int done, MigrationProgressPhase phase = MigrationProgressPhase.MigrationStarted, TimeSpan? duration = null)
    {
        if (phase == MigrationProgressPhase.MigrationStarted)
        {
            _number++;
        }

        onProgress?.Invoke(new MigrationProgress(phase, prepared.Migration.Version, prepared.Migration.Name, _number, _count, done, prepared.Statements.Count) { Duration = duration });
    }
}
