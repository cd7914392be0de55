using System.Diagnostics;
using Tidemark.Execution;
using Npgsql;
using Tidemark.History;
using Tidemark.History.Foreign;
using Tidemark.Locking;
using Tidemark.Recovery;
using Tidemark.Sources;
using Tidemark.Text;

namespace Tidemark;

// Recovery: rollback with down migrations, repair, resolve (issue 7). Logic lives in Recovery/.
public sealed partial class Migrator
{
    /// <summary>
    /// Undoes applied migrations with their down files, newest first, each in its own transaction
    /// with the removal of its history row (non-transactional downs run statement by statement),
    /// under the migration lock. Refuses, changing nothing, when a migration to undo has no down file.
    /// </summary>
    public async Task<RollbackResult> RollbackAsync(RollbackRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var source = await LoadAsync(cancellationToken).ConfigureAwait(false);
        if (request.DryRun)
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var snapshot = await _history.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
            // A dry run always shows the plan: a generated down that loses data is listed with what it drops
            // (RolledBackMigration.DataLoss) instead of refusing; the real run still needs AllowDataLoss.
            var generated = await GenerateDownsAsync(source, snapshot, request, cancellationToken).ConfigureAwait(false);
            var preview = RollbackPlanner.Build(source, snapshot, request, generated);
            return new RollbackResult(preview.FromVersion, preview.ToVersion,
                [.. preview.Steps.Select(s => new RolledBackMigration(s.Migration.Version, s.Migration.Name, s.Down.Migration.Path, s.Down.Statements.Count, s.Down.Transactional, TimeSpan.Zero)
                {
                    DataLoss = generated is not null && generated.TryGetValue(s.Migration.Version, out var g) ? g.DataLoss : [],
                })],
                DryRun: true, clock.Elapsed, TimeSpan.Zero);
        }

        await using var migrationLock = await AcquireMigrationLockAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, migrationLock.Lost);
            return await RollbackLockedAsync(migrationLock, source, request, clock, run.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (LeaseLost(ex, migrationLock, cancellationToken) is { } lost)
        {
            throw lost;
        }
    }

    private async Task<RollbackResult> RollbackLockedAsync(IRunLock migrationLock, MigrationSet source, RollbackRequest request, Stopwatch clock, CancellationToken cancellationToken)
    {
        var work = migrationLock.Connection;
        var history = await _history.ReadAsync(work, cancellationToken).ConfigureAwait(false);
        var plan = RollbackPlanner.Build(source, history, request, await GenerateDownsAsync(source, history, request, cancellationToken).ConfigureAwait(false));
        var settings = new ExecutionSettings(_options.LockTimeout, _options.StatementTimeout, Math.Max(1, _options.LockAttempts));
        var syncDrizzle = DrizzleHistoryTable.Applies(_options, source) && await DrizzleHistoryTable.ExistsAsync(work, cancellationToken).ConfigureAwait(false);
        var executor = new DownExecutor(_dataSource, work, _history.Table, settings, _logger, syncDrizzle, migrationLock.Fence);
        var done = new List<RolledBackMigration>();
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var after = i + 1 < plan.Steps.Count ? plan.Steps[i + 1].Migration.Version : plan.ToVersion;
            try
            {
                done.Add(await executor.RunAsync(plan.Steps[i], after, cancellationToken).ConfigureAwait(false));
            }
            catch (MigrationFailedException ex) when (ex.Failure.SqlState != LeaseFence.SqlState)
            {
                await RecordFailureAsync(work, ex.Failure).ConfigureAwait(false);
                throw;
            }
        }

        return new RollbackResult(plan.FromVersion, plan.ToVersion, done, DryRun: false, clock.Elapsed, migrationLock.Waited);
    }

    /// <summary>Accepts the current checksum of every edited applied migration and clears the failure records; see <see cref="RepairAsync(bool, CancellationToken)"/>.</summary>
    public Task<RepairResult> RepairAsync(CancellationToken cancellationToken = default) => RepairAsync(dryRun: false, cancellationToken);

    /// <summary>
    /// Lists (and unless <paramref name="dryRun"/>, accepts) the current checksum of every applied
    /// migration whose file was edited, and clears the failure records shown by status. Partial rows
    /// are left alone (they are resumable). Each change is written to the audit trail (kind <c>repair</c>).
    /// </summary>
    public async Task<RepairResult> RepairAsync(bool dryRun, CancellationToken cancellationToken = default)
    {
        var source = await LoadAsync(cancellationToken).ConfigureAwait(false);
        IRunLock? migrationLock = dryRun ? null : await AcquireMigrationLockAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var work = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var history = await _history.ReadAsync(work, cancellationToken).ConfigureAwait(false);
            var byVersion = source.Versioned.ToDictionary(m => m.Version, StringComparer.Ordinal);
            var changed = history.ByVersion.Values
                .Where(r => r.IsApplied && byVersion.TryGetValue(r.Version, out var m) && !string.Equals(r.Checksum, m.Checksum, StringComparison.Ordinal))
                .Select(r => (Row: r, Migration: byVersion[r.Version]))
                .ToList();
            var failures = history.Exists
                ? [.. (await _history.ReadRecentEventsAsync(work, cancellationToken).ConfigureAwait(false)).Where(e => e.Kind == HistoryEventKinds.Failure)]
                : new List<HistoryEventRecord>();
            var result = new RepairResult(
                [.. changed.Select(c => new RepairedChecksum(c.Row.Version, c.Row.Name, c.Migration.Path, c.Row.Checksum, c.Migration.Checksum))],
                failures, dryRun);
            if (dryRun || result.NothingToDo)
            {
                return result;
            }

            await using var tx = await work.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var (row, migration) in changed)
            {
                await HistoryEdits.UpdateChecksumAsync(work, _history.Table, row.Id, migration.Checksum, tx, cancellationToken).ConfigureAwait(false);
                var what = $"accepted the edited file {migration.Path}: checksum {row.Checksum} -> {migration.Checksum}";
                await HistoryEdits.AddEventAsync(work, _history.Table, new HistoryEvent(HistoryEventKinds.Repair, row.Version, row.Name, what, null), tx, cancellationToken).ConfigureAwait(false);
                RecoveryLog.Repaired(_logger, what);
            }

            if (failures.Count > 0)
            {
                var what = $"cleared {Words.Count(failures.Count, "failure record")}; latest: {failures[0].Message}";
                await HistoryEdits.AddEventAsync(work, _history.Table, new HistoryEvent(HistoryEventKinds.Repair, failures[0].Version, failures[0].Name, what, null), tx, cancellationToken).ConfigureAwait(false);
                RecoveryLog.Repaired(_logger, what);
            }

            await HistoryEdits.FenceAsync(work, migrationLock?.Fence, tx, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (Exception ex) when (migrationLock is not null && LeaseLost(ex, migrationLock, cancellationToken) is { } lost)
        {
            throw lost;
        }
        finally
        {
            if (migrationLock is not null)
            {
                await migrationLock.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A manual fix: <paramref name="applied"/> true records <paramref name="version"/> as applied
    /// without running it (a partial row becomes applied); false removes its history row without
    /// running anything. Writes an audit event (kind <c>resolve</c>).
    /// </summary>
    public async Task<ResolveResult> ResolveAsync(string version, bool applied, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var source = await LoadAsync(cancellationToken).ConfigureAwait(false);
        await using var migrationLock = await AcquireMigrationLockAsync(cancellationToken).ConfigureAwait(false);
        var work = migrationLock.Connection;
        await _history.EnsureAsync(work, cancellationToken).ConfigureAwait(false);
        var history = await _history.ReadAsync(work, cancellationToken).ConfigureAwait(false);
        history.ByVersion.TryGetValue(version, out var row);
        var migration = source.Versioned.FirstOrDefault(m => m.Version == version);
        string what;
        var syncDrizzle = DrizzleHistoryTable.Applies(_options, source);
        var drizzleTable = syncDrizzle && applied && migration is not null && row is not { IsApplied: true }
            ? await DrizzleHistoryTable.EnsureAsync(work, source.Format, cancellationToken).ConfigureAwait(false)
            : null;
        var drizzleDelete = syncDrizzle && !applied && row is not null && await DrizzleHistoryTable.ExistsAsync(work, cancellationToken).ConfigureAwait(false);
        await using var tx = await work.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (applied)
        {
            if (migration is null)
            {
                throw new TidemarkException($"There is no migration with version {version} in {source.Location}.", "Pass a version listed by `tidemark status`.");
            }

            if (row is { IsApplied: true })
            {
                throw new TidemarkException($"{migration.Label} is already recorded as applied; nothing was changed.", "Nothing to do; `tidemark status` shows it as applied.");
            }

            if (row is not null)
            {
                await HistoryEdits.MarkAppliedAsync(work, _history.Table, row.Id, tx, cancellationToken).ConfigureAwait(false);
                what = $"marked {migration.Label} applied without running it (was partial: {row.StatementsDone} of {Words.Count(row.StatementsTotal, "statement")} done)";
            }
            else
            {
                var count = PreparedMigration.Prepare(migration).Statements.Count;
                await _history.InsertAsync(work, new HistoryRow(migration.Version, migration.Name, HistoryKinds.Versioned, migration.Checksum,
                    HistoryStatuses.Applied, 0, count, count) { Path = migration.RelativePath }, tx, cancellationToken).ConfigureAwait(false);
                what = $"marked {migration.Label} applied without running it";
            }
        }
        else
        {
            if (row is null)
            {
                throw new TidemarkException($"Migration {version} has no history row; nothing was changed.", "Run `tidemark status` to see what is recorded.");
            }

            await HistoryEdits.DeleteAsync(work, _history.Table, row.Id, tx, cancellationToken).ConfigureAwait(false);
            what = $"removed the history row of {version} ({row.Name}; {row.Status}, applied {row.AppliedAt:yyyy-MM-dd HH:mm:ss} by {row.AppliedBy}) without running anything";
        }

        // drizzle's own history follows, in the same transaction.
        if (drizzleTable is not null || drizzleDelete)
        {
            await using var batch = new NpgsqlBatch(work, tx);
            if (drizzleTable is not null)
            {
                batch.BatchCommands.Add(DrizzleHistoryTable.CreateDelete(migration!));
                batch.BatchCommands.Add(drizzleTable.CreateInsert(migration!));
            }
            else
            {
                batch.BatchCommands.Add(migration is null
                    ? DrizzleHistoryTable.CreateDelete(row!.Checksum)
                    : DrizzleHistoryTable.CreateDelete(row!.Checksum, migration.Checksum, migration.LfChecksum ?? migration.Checksum));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var name = migration?.Name ?? row?.Name ?? "";
        await HistoryEdits.AddEventAsync(work, _history.Table, new HistoryEvent(HistoryEventKinds.Resolve, version, name, what, null), tx, cancellationToken).ConfigureAwait(false);
        try
        {
            await HistoryEdits.FenceAsync(work, migrationLock.Fence, tx, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (LeaseLost(ex, migrationLock, cancellationToken) is { } lost)
        {
            throw lost;
        }

        RecoveryLog.Resolved(_logger, what);
        return new ResolveResult(version, name, applied, what);
    }

    /// <summary>Generated downs for the migrations the request undoes that have no down file; checked against the data-loss allowance.</summary>
    private async Task<IReadOnlyDictionary<string, GeneratedDown>?> GenerateDownsAsync(MigrationSet source, HistorySnapshot history, RollbackRequest request, CancellationToken ct)
    {
        var missing = RollbackPlanner.Select(source, history, request).Undo.Where(m => m.DownSql is null).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        IReadOnlyDictionary<string, GeneratedDown> downs;
        try
        {
            downs = await DownGenerator.GenerateAsync(_options, ShadowServer, source, missing, _history.Table, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TidemarkException or NpgsqlException && ex is not RecoveryRefusedException)
        {
            throw new RecoveryRefusedException(
                $"Cannot roll back: {string.Join(", ", missing.Select(m => $"{m.Label} ({m.Path})"))} {(missing.Count == 1 ? "has" : "have")} no down migration, " +
                $"and Tidemark cannot generate one: {ex.Message} Nothing was changed.",
                "Write the down SQL next to the migration (<name>.down.sql; Flyway: U<version>__<description>.sql; drizzle folders: down.sql), or give a shadow database (--shadow-url) so Tidemark can generate it.");
        }

        DownGenerator.CheckAllowed(downs.Values, request.AllowDataLoss || request.DryRun);
        return downs;
    }

    /// <summary>
    /// The down migration Tidemark generates for <paramref name="version"/> (schema after it diffed to the
    /// schema before it, replayed in a shadow database); with <paramref name="write"/> saved as the
    /// migration's down file for review. Changes nothing in the database.
    /// </summary>
    public async Task<GeneratedDownMigration> GenerateDownAsync(string version, bool write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var source = await LoadAsync(cancellationToken).ConfigureAwait(false);
        var migration = source.Versioned.FirstOrDefault(m => m.Version == version)
            ?? throw new TidemarkException($"There is no migration with version {version} in {source.Location}.", "Pass a version listed by `tidemark status`.");
        var down = (await DownGenerator.GenerateAsync(_options, ShadowServer, source, [migration], _history.Table, cancellationToken).ConfigureAwait(false))[version];
        string? path = null;
        if (write)
        {
            path = DownGenerator.DownPathFor(migration, source.Format);
            if (File.Exists(path))
            {
                throw new TidemarkException($"{path} already exists; not overwritten.", "Delete or rename it first if the generated one should replace it.");
            }

            await File.WriteAllTextAsync(path, down.Sql, new System.Text.UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        }

        return new GeneratedDownMigration(down.Version, down.Name, down.Sql, down.Hazards == Diff.Hazards.None ? [] : [.. down.Hazards.ToString().Split(", ")],
            down.DataLoss, down.Unsupported, migration.DownPath, path);
    }

    /// <summary>
    /// The lease-lost error when <paramref name="ex"/> is the fence refusing a write (or the run cancelled because the
    /// heartbeat lost the lease); null for any other failure, which then propagates as it is.
    /// </summary>
    private static LeaseLostException? LeaseLost(Exception ex, IRunLock migrationLock, CancellationToken callerToken) => ex switch
    {
        PostgresException { SqlState: LeaseFence.SqlState } or MigrationFailedException { Failure.SqlState: LeaseFence.SqlState } =>
            new LeaseLostException("another runner took it over before this command's history change could commit", ex),
        OperationCanceledException when migrationLock.Lost.IsCancellationRequested && !callerToken.IsCancellationRequested =>
            new LeaseLostException("its heartbeat could not renew it; the command stopped", ex),
        _ => null,
    };

    private async Task<IRunLock> AcquireMigrationLockAsync(CancellationToken ct) =>
        (await AcquireMigrationLockAsync(null, ct).ConfigureAwait(false))!;

    /// <summary>The run lock; null when <paramref name="doneMeanwhile"/> (see <see cref="RunLocks.AcquireAsync"/>) ended the wait.</summary>
    private async Task<IRunLock?> AcquireMigrationLockAsync(Func<NpgsqlConnection, CancellationToken, Task<bool>>? doneMeanwhile, CancellationToken ct) =>
        await RunLocks.AcquireAsync(
            _dataSource, _options, _logger,
            holder => _options.OnProgress?.Invoke(new MigrationProgress(MigrationProgressPhase.WaitingForLock, null, null, 0, 0, 0, 0, holder)),
            doneMeanwhile, ct).ConfigureAwait(false);
}
