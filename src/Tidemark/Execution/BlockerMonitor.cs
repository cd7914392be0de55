using Npgsql;

namespace Tidemark.Execution;

/// <summary>A session that blocked a migration statement from getting its lock.</summary>
public sealed record BlockingSession(int Pid, string ApplicationName, string User, string ClientAddress, string State, string Query, TimeSpan TransactionAge)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"pid {Pid} ({(ApplicationName.Length == 0 ? "no application_name" : ApplicationName)}, {User}@{ClientAddress}, {State}, transaction open {TransactionAge.TotalSeconds:0}s, query: {Query})";
}

/// <summary>
/// Watches, from its own connection, which sessions block the migration connection while a
/// statement waits for a lock, so that a lock timeout can name them. Started only after a first
/// lock timeout: the happy path pays nothing.
/// </summary>
internal sealed class BlockerMonitor : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Dictionary<int, BlockingSession> _seen = [];
    private readonly Lock _gate = new();

    private BlockerMonitor(NpgsqlDataSource dataSource, int targetPid)
    {
        _loop = Task.Run(() => RunAsync(dataSource, targetPid, _stop.Token));
    }

    public static BlockerMonitor Start(NpgsqlDataSource dataSource, int targetPid) => new(dataSource, targetPid);

    public IReadOnlyList<BlockingSession> Seen
    {
        get
        {
            lock (_gate)
            {
                return [.. _seen.Values];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(NpgsqlDataSource dataSource, int targetPid, CancellationToken ct)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            while (!ct.IsCancellationRequested)
            {
                await using (var cmd = new NpgsqlCommand(
                    """
                    SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.usename, ''), coalesce(host(a.client_addr), 'local'),
                           coalesce(a.state, ''), left(coalesce(a.query, ''), 200),
                           extract(epoch FROM now() - coalesce(a.xact_start, now()))::float8
                    FROM pg_stat_activity a WHERE a.pid = ANY (pg_blocking_pids($1))
                    """, connection))
                {
                    cmd.Parameters.Add(new NpgsqlParameter { Value = targetPid });
                    await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        var s = new BlockingSession(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                            reader.GetString(4), reader.GetString(5).ReplaceLineEndings(" "), TimeSpan.FromSeconds(reader.GetDouble(6)));
                        lock (_gate)
                        {
                            _seen[s.Pid] = s;
                        }
                    }
                }

                await Task.Delay(150, ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or NpgsqlException)
        {
            // Monitoring is best effort; the migration's own error still stands.
        }
    }
}
