using Npgsql;

namespace Tidemark.Locking;

/// <summary>What <see cref="ConnectionProbe"/> found out about a connection.</summary>
internal sealed record ConnectionTraits(bool Pooled, bool AdvisoryLocksWork, string Reason);

/// <summary>
/// Finds out whether a connection goes through a transaction pooler (PgBouncer in transaction mode,
/// Supavisor on port 6543, Neon's <c>-pooler</c> host) or reaches a server without advisory locks
/// (CockroachDB). Costs two short statements:
/// <list type="bullet">
/// <item>the backend pid the server reports (<c>pg_backend_pid()</c>) against the pid the connection
/// was handed at start-up (a pooler hands out its own cancel key, so they differ);</item>
/// <item>two statements outside a transaction answered by different backend pids;</item>
/// <item>known pooler endpoints (port 6543, a host containing <c>-pooler.</c> or <c>pooler.supabase.com</c>).</item>
/// </list>
/// A session pooler keeps one server session per client session, passes these tests, and is treated
/// as direct, which is right: session advisory locks work there.
/// </summary>
internal static class ConnectionProbe
{
    public static async Task<ConnectionTraits> ProbeAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var host = connection.Host ?? "";
        var port = connection.Port;
        int first;
        string version;
        await using (var cmd = new NpgsqlCommand("SELECT pg_backend_pid(), version()", connection))
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            await reader.ReadAsync(ct).ConfigureAwait(false);
            first = reader.GetInt32(0);
            version = reader.GetString(1);
        }

        if (version.Contains("CockroachDB", StringComparison.OrdinalIgnoreCase))
        {
            return new ConnectionTraits(false, false, "the server is CockroachDB, whose advisory lock functions do not exclude anyone");
        }

        if (first != connection.ProcessID)
        {
            return new ConnectionTraits(true, false,
                $"the server session answering is pid {first}, not pid {connection.ProcessID} announced when the connection opened: a pooler sits in between");
        }

        await using (var again = new NpgsqlCommand("SELECT pg_backend_pid()", connection))
        {
            var second = (int)(await again.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
            if (second != first)
            {
                return new ConnectionTraits(true, false, $"two statements outside a transaction were answered by backend pids {first} and {second}: a transaction pooler");
            }
        }

        if (IsKnownPoolerEndpoint(host, port))
        {
            return new ConnectionTraits(true, false, $"{host}:{port} is a known transaction-pooler endpoint");
        }

        return new ConnectionTraits(false, true, "direct connection");
    }

    /// <summary>Supabase's transaction pooler listens on 6543; Neon's pooled hosts carry "-pooler." in their name.</summary>
    public static bool IsKnownPoolerEndpoint(string host, int port) =>
        port == 6543
        || host.Contains("-pooler.", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith("pooler.supabase.com", StringComparison.OrdinalIgnoreCase) && port != 5432;
}
