using System.Net.Sockets;
using Npgsql;

namespace Tidemark.Connections;

/// <summary>Explains why the database could not be reached, without printing the password.</summary>
internal static class ConnectionFailure
{
    public static ConnectionFailedException From(Exception ex, string connectionString)
    {
        var where = ConnectionString.Describe(connectionString);
        var pg = ex as PostgresException;
        var socket = FindSocketError(ex);
        return pg?.SqlState switch
        {
            "28P01" or "28000" => new ConnectionFailedException(
                $"Cannot log in to {where}: {pg.MessageText}.",
                "Check the user name and password in --url / DATABASE_URL (the password is not shown here).", ex),
            "3D000" => new ConnectionFailedException(
                $"Cannot connect to {where}: {pg.MessageText}.",
                "Create the database first (createdb), or fix the database name in the URL.", ex),
            "57P03" => new ConnectionFailedException(
                $"Cannot connect to {where}: the server is starting up or shutting down ({pg.MessageText}).",
                "Wait for the server to accept connections and run again.", ex),
            not null => new ConnectionFailedException($"Cannot connect to {where}: {pg.SqlState}: {pg.MessageText}.", null, ex),
            null when IsMissingPassword(ex) => new ConnectionFailedException(
                $"Cannot log in to {where}: the server requires password authentication for this user, and no password was given.",
                "Put the password in the URL (postgres://user:password@host:5432/db), in the PGPASSWORD environment variable, or in ~/.pgpass.", ex),
            null when socket is not null => new ConnectionFailedException(
                $"Cannot connect to {where}: {Describe(socket.SocketErrorCode)}.",
                "Check that PostgreSQL is running and that host and port in --url / DATABASE_URL are right.", ex),
            _ => new ConnectionFailedException($"Cannot connect to {where}: {Redact(ex.Message, connectionString)}.", "Check --url / DATABASE_URL and that the server is reachable.", ex),
        };
    }

    private static bool IsMissingPassword(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            // Npgsql: "No password has been provided but the backend requires one (in SCRAM-SHA-256)" (also MD5, cleartext).
            if (ex.Message.Contains("No password has been provided", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static SocketException? FindSocketError(Exception? ex)
    {
        while (ex is not null)
        {
            if (ex is SocketException s)
            {
                return s;
            }

            ex = ex.InnerException;
        }

        return null;
    }

    private static string Describe(SocketError e) => e switch
    {
        SocketError.ConnectionRefused => "connection refused (nothing listens on that port)",
        SocketError.HostNotFound or SocketError.NoData => "host not found",
        SocketError.TimedOut => "timed out",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
        _ => e.ToString(),
    };

    private static string Redact(string message, string connectionString)
    {
        var password = new NpgsqlConnectionStringBuilder(connectionString).Password;
        return string.IsNullOrEmpty(password) ? message : message.Replace(password, "***", StringComparison.Ordinal);
    }
}
