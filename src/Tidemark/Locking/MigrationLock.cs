using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tidemark.Diagnostics;

namespace Tidemark.Locking;

/// <summary>
/// A PostgreSQL session advisory lock that serialises runners, held on its own connection for
/// the whole run. Acquired by polling <c>pg_try_advisory_lock</c> (never a blocking wait, and
/// never inside an open transaction, so a waiter cannot deadlock a leader's
/// <c>CREATE INDEX CONCURRENTLY</c>); waiters also LISTEN on a channel the leader notifies when
/// it releases, so they wake at once.
/// </summary>
internal sealed class MigrationLock : IRunLock
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;
    private readonly string _channel;
    private bool _held;

    private MigrationLock(NpgsqlConnection connection, long key, string channel)
    {
        _connection = connection;
        _key = key;
        _channel = channel;
    }

    /// <summary>
    /// The session holding the lock. The run migrates on this same session: if the client dies
    /// while the server still executes a batch it had received, the lock is held until that
    /// backend finishes, so no other runner can start on top of an orphaned migration.
    /// </summary>
    public NpgsqlConnection Connection => _connection;

    /// <summary>How long this runner waited before it got the lock.</summary>
    public TimeSpan Waited { get; private set; }

    public LockStrategy Strategy => LockStrategy.Advisory;

    public bool Pooled => false;

    /// <summary>None: the session lock is held by the very connection that writes the history.</summary>
    public LeaseFence? Fence => null;

    /// <summary>Never: a session lock is lost only with its session, which ends the run's connection too.</summary>
    public CancellationToken Lost => CancellationToken.None;

    /// <summary>The advisory lock key for a history table: stable across processes and versions.</summary>
    public static long KeyFor(string historySchema, string historyTable)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"tidemark:{historySchema}.{historyTable}"));
        return BitConverter.ToInt64(hash, 0);
    }

    public static string ChannelFor(long key) => $"tidemark_lock_{(ulong)key:x16}";

    /// <summary>
    /// Takes the lock, waiting up to <paramref name="timeout"/>; reports the holder while waiting. When the holder
    /// releases it (its NOTIFY wakes this waiter), <paramref name="doneMeanwhile"/>, if given, is asked first: true
    /// means the holder did the work, and the wait ends without the lock (null). Waiters that find nothing to do
    /// then leave together instead of taking the lock one after another (a waiter whose poll timer fires before the
    /// NOTIFY arrives may still take the free lock; the run then finds the work done under it).
    /// </summary>
    public static async Task<MigrationLock?> AcquireAsync(
        NpgsqlDataSource dataSource,
        long key,
        TimeSpan timeout,
        ILogger logger,
        Action<LockHolder?>? onWaiting,
        Func<NpgsqlConnection, CancellationToken, Task<bool>>? doneMeanwhile,
        CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var channel = ChannelFor(key);
        var migrationLock = new MigrationLock(connection, key, channel);
        try
        {
            if (await migrationLock.WaitForLockAsync(timeout, logger, onWaiting, doneMeanwhile, ct).ConfigureAwait(false))
            {
                return migrationLock;
            }

            await migrationLock.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        catch
        {
            await migrationLock.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Who holds the lock on <paramref name="key"/> now, if anyone.</summary>
    public static async Task<LockHolder?> FindHolderAsync(NpgsqlConnection connection, long key, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT a.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'local'),
                   a.usename, extract(epoch FROM now() - coalesce(a.backend_start, now()))::float8
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
              AND l.classid = $1 AND l.objid = $2 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            LIMIT 1
            """,
            connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (uint)(key >> 32), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Oid });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (uint)(key & 0xFFFFFFFF), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Oid });
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        return new LockHolder(reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
            reader.IsDBNull(3) ? "" : reader.GetString(3), TimeSpan.FromSeconds(reader.GetDouble(4)));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_held && _connection.State == System.Data.ConnectionState.Open)
            {
                await using var batch = new NpgsqlBatch(_connection);
                var unlock = new NpgsqlBatchCommand("SELECT pg_advisory_unlock($1)");
                unlock.Parameters.Add(new NpgsqlParameter { Value = _key });
                batch.BatchCommands.Add(unlock);
                batch.BatchCommands.Add(new NpgsqlBatchCommand($"NOTIFY {_channel}"));
                await batch.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (NpgsqlException)
        {
            // The connection is gone; the server released the lock with the session.
        }
        finally
        {
            _held = false;
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<bool> TryAsync(CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", _connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = _key });
        return (bool)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>True with the lock held; false when <paramref name="doneMeanwhile"/> said the wait is no longer needed.</summary>
    private async Task<bool> WaitForLockAsync(
        TimeSpan timeout, ILogger logger, Action<LockHolder?>? onWaiting, Func<NpgsqlConnection, CancellationToken, Task<bool>>? doneMeanwhile, CancellationToken ct)
    {
        if (await TryAsync(ct).ConfigureAwait(false))
        {
            _held = true;
            return true;
        }

        var clock = Stopwatch.StartNew();
        await using (var listen = new NpgsqlCommand($"LISTEN {_channel}", _connection))
        {
            await listen.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var nextReport = TimeSpan.Zero;
        var delay = TimeSpan.FromMilliseconds(50);
        var released = false;
        while (true)
        {
            if (released && doneMeanwhile is not null && await doneMeanwhile(_connection, ct).ConfigureAwait(false))
            {
                Waited = clock.Elapsed;
                await using var unlisten = new NpgsqlCommand($"UNLISTEN {_channel}", _connection);
                await unlisten.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return false;
            }

            if (await TryAsync(ct).ConfigureAwait(false))
            {
                _held = true;
                Waited = clock.Elapsed;
                await using var unlisten = new NpgsqlCommand($"UNLISTEN {_channel}", _connection);
                await unlisten.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                Log.LockAcquiredAfterWait(logger, Waited.TotalMilliseconds);
                return true;
            }

            if (clock.Elapsed >= nextReport)
            {
                var holder = await FindHolderAsync(_connection, _key, ct).ConfigureAwait(false);
                onWaiting?.Invoke(holder);
                if (holder is not null)
                {
                    Log.WaitingForLock(logger, holder.Pid, holder.ApplicationName, holder.ClientAddress, holder.HeldFor.TotalSeconds, clock.Elapsed.TotalSeconds);
                }

                nextReport = clock.Elapsed + (nextReport == TimeSpan.Zero ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(5));
            }

            if (clock.Elapsed >= timeout)
            {
                var holder = await FindHolderAsync(_connection, _key, ct).ConfigureAwait(false);
                throw new LockTimeoutException(timeout, holder);
            }

            // Wake on the leader's NOTIFY, or poll again after a short jittered pause.
            var jittered = TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (0.5 + Random.Shared.NextDouble()));
            released = await _connection.WaitAsync(jittered, ct).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 500));
        }
    }
}

/// <summary>The session holding the migration lock.</summary>
public sealed record LockHolder(int Pid, string ApplicationName, string ClientAddress, string User, TimeSpan HeldFor)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"pid {Pid} ({(ApplicationName.Length == 0 ? "no application_name" : ApplicationName)}, {User}@{ClientAddress}, connected {HeldFor.TotalSeconds:0}s ago)";
}

/// <summary>Another runner held the migration lock for longer than the configured timeout.</summary>
public sealed class LockTimeoutException : TidemarkException
{
    /// <summary>The wait for the lock lasted <paramref name="timeout"/>; <paramref name="holder"/> held it at the end, when known.</summary>
    /// <param name="timeout">How long this runner waited.</param>
    /// <param name="holder">The session holding the lock when the wait ended, if it could be read.</param>
    public LockTimeoutException(TimeSpan timeout, LockHolder? holder)
        : base(
            $"Timed out after {timeout.TotalSeconds:0}s waiting for the migration lock" + (holder is null ? "." : $", held by {holder}."),
            holder is null
                ? "Run again; the lock was released."
                : $"If that process is stuck, end it with SELECT pg_terminate_backend({holder.Pid}); otherwise raise the lock timeout.")
    {
        Holder = holder;
    }

    /// <summary>The session holding the lock when the wait ended, if it could be read.</summary>
    public LockHolder? Holder { get; }
}
