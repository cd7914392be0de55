using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Tidemark.Catalog;

namespace Tidemark.Locking;

/// <summary>
/// A lease in Tidemark's schema (<c>tidemark.lease</c>, one row per history table): owner, expiry and a
/// fencing token that grows by one at every acquisition. Needs no session state, so it works through
/// transaction poolers and on servers without advisory locks.
/// <list type="bullet">
/// <item>Acquire: one INSERT … ON CONFLICT DO UPDATE that succeeds only when the row is free or expired
/// (server clock: <c>clock_timestamp()</c>, so client clocks never matter), polled with jittered back-off.</item>
/// <item>Heartbeat: every third of the lease duration, on a connection of its own, extends the expiry
/// where the token is still ours; when that finds another token, or cannot renew before the lease
/// would expire, the run is cancelled (<see cref="Lost"/>).</item>
/// <item>Fence: each transaction that writes history ends with <see cref="LeaseFence"/>, so a runner
/// whose lease expired (a paused process, a cut network, a killed client whose server session still
/// runs) cannot commit anything after another runner took over.</item>
/// </list>
/// A runner killed with <c>kill -9</c> leaves its row until the expiry; the next runner takes over then.
/// </summary>
internal sealed partial class LeaseLock : IRunLock
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;
    private readonly string _scope;
    private readonly string _owner;
    private readonly TimeSpan _duration;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _heartbeat;
    private long _token;

    private LeaseLock(NpgsqlDataSource dataSource, NpgsqlConnection connection, string table, string scope, TimeSpan duration, bool pooled, ILogger logger)
    {
        _dataSource = dataSource;
        Connection = connection;
        _table = table;
        _scope = scope;
        _duration = duration;
        Pooled = pooled;
        _logger = logger;
        _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    }

    public NpgsqlConnection Connection { get; }

    public TimeSpan Waited { get; private set; }

    public LockStrategy Strategy => LockStrategy.Lease;

    public bool Pooled { get; }

    public LeaseFence? Fence { get; private set; }

    public CancellationToken Lost => _lost.Token;

    /// <summary>The fencing token this runner holds (grows by one at every acquisition of the row).</summary>
    public long Token => _token;

    /// <summary><c>"schema".lease</c>: the lease table next to the history table.</summary>
    public static string TableFor(string historySchema) => $"{Identifiers.Quote(historySchema)}.lease";

    public static async Task<LeaseLock> AcquireAsync(
        NpgsqlDataSource dataSource, NpgsqlConnection connection, string historySchema, string historyTable, TimeSpan duration,
        TimeSpan timeout, bool pooled, ILogger logger, Action<LockHolder?>? onWaiting, CancellationToken ct)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            throw new TidemarkException($"The lease duration {duration.TotalMilliseconds:0} ms is too short.", "Set LeaseDuration (--lease-duration) to at least 1 second (default 30 s).");
        }

        var table = TableFor(historySchema);
        var lease = new LeaseLock(dataSource, connection, table, historyTable, duration, pooled, logger);
        await EnsureTableAsync(connection, historySchema, table, ct).ConfigureAwait(false);
        await lease.WaitAsync(timeout, onWaiting, ct).ConfigureAwait(false);
        lease.Fence = new LeaseFence(table, historyTable, lease._token);
        lease._heartbeat = Task.Run(() => lease.HeartbeatAsync(lease._stop.Token), CancellationToken.None);
        return lease;
    }

    /// <summary>Who holds the lease now (null when free or expired).</summary>
    public static async Task<LockHolder?> FindHolderAsync(NpgsqlConnection connection, string table, string scope, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"SELECT coalesce(owner_pid, 0), coalesce(owner_host, ''), token, extract(epoch FROM clock_timestamp() - acquired_at)::float8, " +
            $"extract(epoch FROM expires_at - clock_timestamp())::float8 FROM {table} WHERE scope = $1 AND owner IS NOT NULL AND expires_at > clock_timestamp()",
            connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = scope });
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        return new LockHolder(reader.GetInt32(0), $"lease token {reader.GetInt64(2)}, expires in {reader.GetDouble(4):0}s", reader.GetString(1), "",
            TimeSpan.FromSeconds(reader.GetDouble(3)));
    }

    private static async Task EnsureTableAsync(NpgsqlConnection connection, string schema, string table, CancellationToken ct)
    {
        await using (var probe = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection))
        {
            probe.Parameters.Add(new NpgsqlParameter { Value = table });
            if ((bool)(await probe.ExecuteScalarAsync(ct).ConfigureAwait(false))!)
            {
                return;
            }
        }

        // Runners starting together serialise the creation with a transaction-level advisory lock
        // (held by the transaction, so it works through a transaction pooler too).
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("BEGIN"),
                new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({MigrationLock.KeyFor(schema, "lease")})"),
                new NpgsqlBatchCommand($"CREATE SCHEMA IF NOT EXISTS {Identifiers.Quote(schema)}"),
                new NpgsqlBatchCommand($"""
                    CREATE TABLE IF NOT EXISTS {table} (
                        scope        text        PRIMARY KEY,
                        token        bigint      NOT NULL,
                        owner        text,
                        owner_host   text,
                        owner_pid    integer,
                        acquired_at  timestamptz NOT NULL,
                        expires_at   timestamptz NOT NULL,
                        heartbeat_at timestamptz NOT NULL
                    )
                    """),
                new NpgsqlBatchCommand($"COMMENT ON TABLE {table} IS 'tidemark migration leases: one row per history table; token is the fencing counter'"),
                new NpgsqlBatchCommand("COMMIT"),
            },
        };
        try
        {
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState is "23505" or "42P07" or "42P06")
        {
            // Created by another runner between our check and our statement (a server without advisory locks).
            await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
            await rollback.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == "42501")
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
            await rollback.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            throw new TidemarkException(
                $"Cannot create the lease table {table}: {ex.MessageText}.",
                $"Ask an administrator to run: CREATE SCHEMA {Identifiers.Quote(schema)} AUTHORIZATION <your role>; or choose a schema you own with --schema.",
                ex);
        }
    }

    private async Task<bool> TryAsync(CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            INSERT INTO {_table} AS l (scope, token, owner, owner_host, owner_pid, acquired_at, expires_at, heartbeat_at)
            VALUES ($1, 1, $2, $3, $4, clock_timestamp(), clock_timestamp() + $5, clock_timestamp())
            ON CONFLICT (scope) DO UPDATE SET token = l.token + 1, owner = EXCLUDED.owner, owner_host = EXCLUDED.owner_host,
                owner_pid = EXCLUDED.owner_pid, acquired_at = EXCLUDED.acquired_at, expires_at = EXCLUDED.expires_at, heartbeat_at = EXCLUDED.heartbeat_at
            WHERE l.owner IS NULL OR l.expires_at <= clock_timestamp()
            RETURNING token
            """,
            Connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = _scope });
        cmd.Parameters.Add(new NpgsqlParameter { Value = _owner });
        cmd.Parameters.Add(new NpgsqlParameter { Value = Environment.MachineName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = Environment.ProcessId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = _duration, NpgsqlDbType = NpgsqlDbType.Interval });
        var token = await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
        if (token is long t)
        {
            _token = t;
            return true;
        }

        return false;
    }

    private async Task WaitAsync(TimeSpan timeout, Action<LockHolder?>? onWaiting, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var nextReport = TimeSpan.Zero;
        var delay = TimeSpan.FromMilliseconds(50);
        while (!await TryAsync(ct).ConfigureAwait(false))
        {
            if (clock.Elapsed >= nextReport)
            {
                var holder = await FindHolderAsync(Connection, _table, _scope, ct).ConfigureAwait(false);
                onWaiting?.Invoke(holder);
                if (holder is not null)
                {
                    WaitingForLease(_logger, holder.Pid, holder.ClientAddress, holder.ApplicationName, clock.Elapsed.TotalSeconds);
                }

                nextReport = clock.Elapsed + (nextReport == TimeSpan.Zero ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(5));
            }

            if (clock.Elapsed >= timeout)
            {
                throw new LockTimeoutException(timeout, await FindHolderAsync(Connection, _table, _scope, ct).ConfigureAwait(false));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (0.5 + Random.Shared.NextDouble())), ct).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 1000));
        }

        Waited = clock.Elapsed;
        LeaseAcquired(_logger, _token, Waited.TotalMilliseconds, _duration.TotalSeconds);
    }

    private async Task HeartbeatAsync(CancellationToken stop)
    {
        var interval = _duration / 3;
        var renewed = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stop).ConfigureAwait(false);
                await using var cmd = new NpgsqlCommand(
                    $"UPDATE {_table} SET expires_at = clock_timestamp() + $3, heartbeat_at = clock_timestamp() " +
                    "WHERE scope = $1 AND token = $2 AND owner IS NOT NULL AND expires_at > clock_timestamp() RETURNING token",
                    connection);
                cmd.Parameters.Add(new NpgsqlParameter { Value = _scope });
                cmd.Parameters.Add(new NpgsqlParameter { Value = _token });
                cmd.Parameters.Add(new NpgsqlParameter { Value = _duration, NpgsqlDbType = NpgsqlDbType.Interval });
                cmd.CommandTimeout = Math.Max(1, (int)interval.TotalSeconds);
                if (await cmd.ExecuteScalarAsync(stop).ConfigureAwait(false) is null)
                {
                    LeaseLostLog(_logger, _token, "another runner holds it now, or it expired");
                    await _lost.CancelAsync().ConfigureAwait(false);
                    return;
                }

                renewed.Restart();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                // Keep trying until the lease would have expired; then stop the run: it can no longer prove it holds the lease.
                if (renewed.Elapsed >= _duration - interval / 2)
                {
                    LeaseLostLog(_logger, _token, "heartbeats failed until expiry: " + ex.Message);
                    await _lost.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_heartbeat is not null)
        {
            await _heartbeat.ConfigureAwait(false);
        }

        if (_token != 0 && !_lost.IsCancellationRequested)
        {
            try
            {
                var connection = Connection.State == System.Data.ConnectionState.Open ? Connection : null;
                await using var own = connection is null ? await _dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false) : null;
                await using var cmd = new NpgsqlCommand($"UPDATE {_table} SET owner = NULL, expires_at = clock_timestamp() WHERE scope = $1 AND token = $2", connection ?? own);
                cmd.Parameters.Add(new NpgsqlParameter { Value = _scope });
                cmd.Parameters.Add(new NpgsqlParameter { Value = _token });
                await cmd.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException)
            {
                // Unreachable: the lease expires by itself.
            }
        }

        _stop.Dispose();
        _lost.Dispose();
        await Connection.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(2010, LogLevel.Information, "Waiting for the migration lease held by pid {Pid} on {Host} ({Lease}); waited {WaitedSeconds:0.0}s")]
    private static partial void WaitingForLease(ILogger logger, int pid, string host, string lease, double waitedSeconds);

    [LoggerMessage(2011, LogLevel.Information, "Acquired the migration lease (token {Token}) after {WaitedMs:0} ms; it lasts {Seconds:0}s and is renewed while the run lasts")]
    private static partial void LeaseAcquired(ILogger logger, long token, double waitedMs, double seconds);

    [LoggerMessage(2012, LogLevel.Error, "Lost the migration lease (token {Token}): {Reason}; stopping the run")]
    private static partial void LeaseLostLog(ILogger logger, long token, string reason);
}
