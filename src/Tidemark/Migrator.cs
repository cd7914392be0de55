using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Tidemark.Connections;
using Tidemark.Diagnostics;
using Tidemark.Execution;
using Tidemark.History;
using Tidemark.History.Foreign;
using Tidemark.Locking;
using Tidemark.Planning;
using Tidemark.Reconciliation;
using Tidemark.Sources;
using Tidemark.Text;

namespace Tidemark;

/// <summary>
/// Brings a database to the state its migrations describe.
/// <code>await new Migrator(dataSource, new MigratorOptions { Directory = "db/migrations" }).MigrateAsync(ct);</code>
/// Start-up with nothing to do costs one query (no lock, no DDL). Otherwise the run takes the
/// migration lock, re-reads the history under it, validates, and applies what is pending.
/// </summary>
public sealed partial class Migrator
{
    /// <summary>
    /// How long a failed load waits for the connection attempt beside it to end after cancelling it. Npgsql honours the
    /// cancellation while it connects but not during the start-up handshake, which ends when the server answers (in
    /// milliseconds for a live server) or at the connection timeout; a server silent that long is left to the timeout.
    /// </summary>
    private static readonly TimeSpan AbandonWait = TimeSpan.FromSeconds(3);

    private readonly NpgsqlDataSource _dataSource;
    private readonly MigratorOptions _options;
    private readonly ILogger _logger;
    private readonly HistoryStore _history;

    /// <summary>A migrator for the database of <paramref name="dataSource"/> and the migrations <paramref name="options"/> name.</summary>
    /// <param name="dataSource">The target database; the migrator opens and closes its own connections.</param>
    /// <param name="options">Where the migrations are and how to run them.</param>
    /// <param name="logger">Receives the events listed in the README (ids 1000–7xxx); none when null.</param>
    public Migrator(NpgsqlDataSource dataSource, MigratorOptions options, ILogger<Migrator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _history = new HistoryStore(new HistoryTable(options.HistorySchema, options.HistoryTable));
    }

    /// <summary>
    /// Applies every pending migration. Throws <see cref="TidemarkException"/> subclasses with exact reasons.
    /// Records the <see cref="TidemarkMetrics"/> of the run (applied, durations, lock wait, failures, drift).
    /// </summary>
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await MigrateOnceAsync(cancellationToken).ConfigureAwait(false);
            TidemarkMetrics.RecordRun(_dataSource, result, _options.DriftPolicy);
            return result;
        }
        catch (Exception ex)
        {
            TidemarkMetrics.RecordFailure(_dataSource, ex, _options.DriftPolicy);
            throw;
        }
    }

    private async Task<MigrationResult> MigrateOnceAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (source, opened) = await LoadAndOpenAsync(cancellationToken).ConfigureAwait(false);

        // Fast path: one connection, one query.
        await using (var connection = opened)
        {
            var snapshot = await _history.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
            var quick = Planner.Build(source, snapshot, _options.AllowOutOfOrder);
            if (!quick.HasWork && quick.IsValid)
            {
                var drift = _options.CheckDriftWhenUpToDate
                    ? await CheckDriftAsync(connection, source, snapshot, reportOnly: false, cancellationToken).ConfigureAwait(false)
                    : null;
                Log.UpToDate(_logger, snapshot.ByVersion.Count, clock.Elapsed.TotalMilliseconds);
                return new MigrationResult([], quick.CurrentVersion, clock.Elapsed, TimeSpan.Zero, FastPath: true) { Drift = drift };
            }

            if (!quick.IsValid)
            {
                throw new MigrationValidationException(quick.Problems);
            }
        }

        // Replicas starting together: when the holder releases the lock, each waiter checks the history (as the fast
        // path does, without the lock) and leaves if the holder did the work, instead of taking the lock in turn.
        var waiting = Stopwatch.StartNew();
        MigrationResult? doneByOther = null;
        var acquired = await AcquireMigrationLockAsync(
            async (connection, ct) => (doneByOther = await UpToDateAfterWaitAsync(connection, source, clock, waiting.Elapsed, ct).ConfigureAwait(false)) is not null,
            cancellationToken).ConfigureAwait(false);
        if (acquired is null)
        {
            return doneByOther!;
        }

        await using var migrationLock = acquired;
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, migrationLock.Lost);
        try
        {
            return await MigrateLockedAsync(migrationLock, source, clock, run.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (migrationLock.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new LeaseLostException("its heartbeat could not renew it", ex);
        }
    }

    private async Task<MigrationResult> MigrateLockedAsync(IRunLock migrationLock, MigrationSet source, Stopwatch clock, CancellationToken cancellationToken)
    {
        _options.OnProgress?.Invoke(new MigrationProgress(MigrationProgressPhase.LockAcquired, null, null, 0, 0, 0, 0));
        var work = migrationLock.Connection;

        // A runner that waited for another one (replicas starting together) usually finds the work done: the
        // fast path's check again, before anything else (no history upgrade, no search for other tools' histories).
        if (migrationLock.Waited > TimeSpan.Zero
            && await UpToDateAfterWaitAsync(work, source, clock, migrationLock.Waited, cancellationToken).ConfigureAwait(false) is { } done)
        {
            return done;
        }
        await EnsureTenantSchemaAsync(work, cancellationToken).ConfigureAwait(false);
        await _history.EnsureAsync(work, cancellationToken).ConfigureAwait(false);
        if (source.Format == SourceFormat.Diesel)
        {
            await DieselHistoryTable.EnsureAsync(work, cancellationToken).ConfigureAwait(false);
        }

        var history = await _history.ReadAsync(work, cancellationToken).ConfigureAwait(false);

        // An existing database (objects already there, another tool's history, drift) is
        // examined here, under the lock, before anything runs.
        await _history.FillPathsAsync(work, source, history, cancellationToken).ConfigureAwait(false);
        var existing = await ReconcileAsync(work, source, history, write: true, cancellationToken).ConfigureAwait(false);
        history = existing.History;
        var plan = Planner.Build(source, history, _options.AllowOutOfOrder);
        if (!plan.IsValid)
        {
            throw new MigrationValidationException(plan.Problems);
        }

        if (!plan.HasWork)
        {
            Log.NothingAfterWait(_logger);
            return new MigrationResult([], plan.CurrentVersion, clock.Elapsed, migrationLock.Waited, FastPath: false)
            { Adopted = existing.Adopted, Imported = existing.Imported, Warnings = existing.Warnings, Drift = existing.Drift, Reconciliation = existing.Report };
        }

        var findings = LintPending(source, plan, work.PostgreSqlVersion.Major, enforce: true);
        var prepared = plan.Steps.Select(s => PreparedMigration.Prepare(s.Migration)).ToList();
        var emptyWarnings = PreparedMigration.CheckEmpty(prepared, source.Format);
        foreach (var warning in emptyWarnings)
        {
            Log.EmptyMigration(_logger, warning);
        }

        RefuseNonTransactionalThroughPooler(migrationLock, plan, prepared);
        Log.Starting(_logger, ConnectionString.Describe(_dataSource.ConnectionString), plan.Steps.Count, source.Versioned.Count + source.Repeatable.Count, source.Location);
        List<AppliedMigration> applied;
        try
        {
            applied = await ExecuteAsync(migrationLock, plan, prepared, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == LeaseFence.SqlState)
        {
            throw new LeaseLostException("another runner took it over before this run's last write could commit", ex);
        }
        catch (MigrationFailedException ex)
        {
            if (ex.Failure.SqlState == LeaseFence.SqlState)
            {
                throw new LeaseLostException($"another runner took it over before {ex.Failure.Version} could commit", ex);
            }

            if (await ExplainConcurrentChangeAsync(ex, history, cancellationToken).ConfigureAwait(false) is { } concurrent)
            {
                throw concurrent;
            }

            await RecordFailureAsync(work, ex.Failure).ConfigureAwait(false);
            throw;
        }

        await RecordFingerprintAsync(work, source, existing, applied, cancellationToken).ConfigureAwait(false);
        var current = source.Versioned.Where(m => history.ByVersion.ContainsKey(m.Version) || applied.Any(a => a.Version == m.Version && a.Kind != HistoryKinds.Repeatable))
            .Select(m => m.Version).LastOrDefault();
        Log.Finished(_logger, applied.Count, clock.Elapsed.TotalMilliseconds, current ?? "(none)");
        return new MigrationResult(applied, current, clock.Elapsed, migrationLock.Waited, FastPath: false)
        { Adopted = existing.Adopted, Imported = existing.Imported, Warnings = [.. existing.Warnings, .. emptyWarnings], Drift = existing.Drift, Reconciliation = existing.Report, Findings = findings };
    }

    private async Task<MigrationResult?> UpToDateAfterWaitAsync(NpgsqlConnection work, MigrationSet source, Stopwatch clock, TimeSpan waited, CancellationToken ct)
    {
        var history = await _history.ReadAsync(work, ct).ConfigureAwait(false);
        var plan = Planner.Build(source, history, _options.AllowOutOfOrder);
        if (plan.HasWork || !plan.IsValid)
        {
            return null;
        }

        var drift = _options.CheckDriftWhenUpToDate
            ? await CheckDriftAsync(work, source, history, reportOnly: false, ct).ConfigureAwait(false)
            : null;
        Log.NothingAfterWait(_logger);
        return new MigrationResult([], plan.CurrentVersion, clock.Elapsed, waited, FastPath: false) { Drift = drift };
    }

    /// <summary>
    /// Where each migration stands, and what <see cref="MigrateAsync"/> would find and do (the same reconciliation,
    /// read-only: creates nothing in the database, takes no lock; a temporary shadow database may be used).
    /// </summary>
    public async Task<MigrationStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        var (source, opened) = await LoadAndOpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = opened;
        var own = await _history.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var existing = await ReconcileReadOnlyAsync(connection, source, own, cancellationToken).ConfigureAwait(false);
        var history = existing?.History ?? own;
        var plan = Planner.Build(source, history, _options.AllowOutOfOrder);
        var events = own.Exists ? await _history.ReadRecentEventsAsync(connection, cancellationToken).ConfigureAwait(false) : [];
        var report = existing?.Report;
        var historyLine = report?.History is { } used && used != _history.Table.Display
            ? $"{used}, {Words.Count(report.HistoryRows, "migration")} recorded; {_history.Table.Display} {(own.Exists ? "is empty" : "not created yet")}"
            : _history.Table.Display;
        return StatusBuilder.Build(ConnectionString.Describe(_dataSource.ConnectionString), historyLine, source, history, plan, events, existing?.HalfApplied)
            with { Drift = existing?.Drift, Reconciliation = report, HistoryExists = own.Exists || report?.History is not null };
    }

    /// <summary>Reconciliation without writing; null when the database cannot be examined that way (no catalog access).</summary>
    private async Task<ExistingDatabaseOutcome?> ReconcileReadOnlyAsync(NpgsqlConnection connection, MigrationSet source, HistorySnapshot own, CancellationToken ct)
    {
        if (own.ByVersion.Count > 0 && _options.DriftPolicy == Reconciliation.DriftPolicy.Ignore)
        {
            return null;
        }

        return await ReconcileAsync(connection, source, own, write: false, ct).ConfigureAwait(false);
    }

    /// <summary>What <see cref="MigrateAsync"/> would do now. Changes nothing.</summary>
    public async Task<MigrationPlan> PlanAsync(CancellationToken cancellationToken = default)
    {
        var (source, opened) = await LoadAndOpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = opened;
        var own = await _history.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var existing = await ReconcileReadOnlyAsync(connection, source, own, cancellationToken).ConfigureAwait(false);
        var plan = Planner.Build(source, existing?.History ?? own, _options.AllowOutOfOrder);
        var findings = LintPending(source, plan, connection.PostgreSqlVersion.Major, enforce: false);
        var steps = plan.Steps.Select(s =>
        {
            var p = PreparedMigration.Prepare(s.Migration);
            return new PlannedStep(s.Migration.Version, s.Migration.Name, s.Action, s.Migration.Path, p.Statements.Count, p.Transactional, s.Reason)
            { Findings = [.. findings.Where(f => f.File == s.Migration.Path)] };
        }).ToList();
        return new MigrationPlan(plan.CurrentVersion, steps, plan.Problems) { Reconciliation = existing?.Report };
    }

    private async Task<List<AppliedMigration>> ExecuteAsync(IRunLock runLock, Plan plan, List<PreparedMigration> prepared, CancellationToken ct)
    {
        var work = runLock.Connection;
        var settings = new ExecutionSettings(_options.LockTimeout, _options.StatementTimeout, Math.Max(1, _options.LockAttempts)) { SearchPath = _options.TenantSchema };
        var drizzle = DrizzleHistoryTable.Applies(_options, plan.Source)
            ? await DrizzleHistoryTable.EnsureAsync(work, plan.Source.Format, ct).ConfigureAwait(false)
            : null;
        var history = _history.WithFence(runLock.Fence);
        var executor = new MigrationExecutor(_dataSource, work, history, settings, _logger, _options.OnProgress, drizzle);
        executor.SetRunSize(plan.Steps.Count);
        await using var direct = runLock.Pooled && prepared.Any(p => !p.Transactional) ? await OpenDirectAsync(ct).ConfigureAwait(false) : null;
        var outside = direct is null ? executor : new MigrationExecutor(direct.DataSource, direct.Connection, history, settings, _logger, _options.OnProgress, drizzle);
        outside.SetRunSize(plan.Steps.Count);
        var applied = new List<AppliedMigration>();
        var version = plan.CurrentVersion;

        if (_options.TransactionMode == TransactionMode.All)
        {
            var blocker = prepared.FirstOrDefault(p => !p.Transactional);
            if (blocker is not null)
            {
                throw new TidemarkException(
                    $"{blocker.Migration.Path} cannot run inside a transaction, so the pending migrations cannot run as one transaction.",
                    "Use the default per-migration transactions, or move that statement to its own run.");
            }

            return await executor.RunAllOrNothingAsync(prepared, ct).ConfigureAwait(false);
        }

        // Consecutive transactional migrations go in groups (one transaction, per-migration
        // atomicity kept by falling back on failure); non-transactional ones run on their own.
        for (var i = 0; i < plan.Steps.Count;)
        {
            var step = plan.Steps[i];
            if (step.Action == StepAction.Apply && step.Reason.Contains("out of order", StringComparison.Ordinal))
            {
                Log.OutOfOrder(_logger, step.Migration.Version, step.Migration.Name);
            }

            if (!prepared[i].Transactional)
            {
                applied.Add(await outside.RunNonTransactionalAsync(prepared[i], step, ct).ConfigureAwait(false));
                version = step.Migration.Kind == MigrationKind.Versioned ? step.Migration.Version : version;
                i++;
                continue;
            }

            var end = i;
            while (end < plan.Steps.Count && prepared[end].Transactional && end - i < MigrationExecutor.MaxGroupSize
                   && (end == i || plan.Steps[end].Action != StepAction.Resume))
            {
                end++;
            }

            var group = prepared.GetRange(i, end - i);
            var last = end == plan.Steps.Count;
            applied.AddRange(await executor.RunGroupAsync(group, durable: last || !prepared[end].Transactional, version, ct).ConfigureAwait(false));
            version = group.Where(p => p.Migration.Kind == MigrationKind.Versioned).Select(p => p.Migration.Version).LastOrDefault() ?? version;
            i = end;
        }

        return applied;
    }

    /// <summary>Writes the failure to the audit trail in its own transaction; best effort (the connection may be gone).</summary>
    private async Task RecordFailureAsync(NpgsqlConnection work, MigrationFailure failure)
    {
        try
        {
            if (work.State == System.Data.ConnectionState.Open)
            {
                await _history.AddEventAsync(work, new HistoryEvent(HistoryEventKinds.Failure, failure.Version, failure.Name,
                    $"{failure.SqlState}: {failure.ServerMessage} ({failure.Path}, line {failure.Line}, statement {failure.StatementNumber} of {failure.StatementCount})",
                    failure.Statement), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (NpgsqlException)
        {
        }
    }

    private async Task<MigrationSet> LoadAsync(CancellationToken ct) =>
        await _options.CreateSource().LoadAsync(ct).ConfigureAwait(false);

    /// <summary>
    /// Reads the migrations while the connection opens: the server's new backend, authentication and
    /// Npgsql's first-use type loading (tens of milliseconds of waiting) overlap the reading and hashing of
    /// the files instead of following them. A source that cannot be read is still the error reported, at
    /// once: the connection attempt is cancelled and awaited first (briefly), so that nothing of it runs
    /// on when the caller's process exits. A process that exits while another thread is inside the
    /// Kerberos library (Npgsql asks it for GSS encryption) aborts in krb5's exit handlers.
    /// </summary>
    private async Task<(MigrationSet Source, NpgsqlConnection Connection)> LoadAndOpenAsync(CancellationToken ct)
    {
        using var openCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var opening = OpenAsync(openCancel.Token);
        MigrationSet source;
        try
        {
            source = await LoadAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await openCancel.CancelAsync().ConfigureAwait(false);
            await AbandonAsync(opening).ConfigureAwait(false);
            throw;
        }

        return (source, await opening.ConfigureAwait(false));
    }

    /// <summary>Waits for a cancelled connection attempt to end and closes what it opened; the source's error is the one reported.</summary>
    private static async Task AbandonAsync(Task<NpgsqlConnection> opening)
    {
        try
        {
            var connection = await opening.WaitAsync(AbandonWait).ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Cancelled, failed or still running after AbandonWait: nothing to report, and nothing to wait for longer.
            _ = opening.ContinueWith(
                static t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        t.Result.Dispose();
                    }
                    else
                    {
                        _ = t.Exception;
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw ConnectionFailure.From(ex, _dataSource.ConnectionString);
        }
    }
}
