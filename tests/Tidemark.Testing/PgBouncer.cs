using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;

namespace Tidemark.Testing;

/// <summary>
/// A real PgBouncer (Debian package <c>pgbouncer</c>; scripts/test.sh installs it) in transaction pooling
/// mode in front of the test server, started for a test class and stopped with it. Every database of
/// the server is reachable through it (<c>* = host=… port=…</c>).
/// </summary>
public sealed class PgBouncer : IDisposable
{
    private static readonly string[] Binaries = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"];

    private readonly string _dir;
    private readonly Process _process;

    private PgBouncer(string dir, Process process, int port)
    {
        _dir = dir;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts PgBouncer with <c>pool_mode = transaction</c> and a pool big enough for the tests.</summary>
    public static PgBouncer Start(int poolSize = 20)
    {
        var binary = Binaries.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("pgbouncer is not installed: apt-get install -y pgbouncer (scripts/test.sh installs it)");
        var server = new NpgsqlConnectionStringBuilder(TestServer.AdminConnectionString);
        var dir = Path.Combine(Path.GetTempPath(), "tidemark-pgbouncer-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var port = FreePort();
        File.WriteAllText(Path.Combine(dir, "users.txt"), "\"postgres\" \"\"\n");
        File.WriteAllText(Path.Combine(dir, "pgbouncer.ini"), $"""
            [databases]
            * = host={server.Host} port={server.Port}
            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_type = trust
            auth_file = {dir}/users.txt
            pool_mode = transaction
            max_client_conn = 2000
            default_pool_size = {poolSize}
            server_reset_query =
            ignore_startup_parameters = extra_float_digits,search_path,options
            logfile = {dir}/pgbouncer.log
            """);
        var root = Environment.UserName == "root";
        var psi = root ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", binary, Path.Combine(dir, "pgbouncer.ini")])
                       : new ProcessStartInfo(binary, [Path.Combine(dir, "pgbouncer.ini")]);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        if (root)
        {
            Process.Start("chown", ["-R", "postgres", dir])!.WaitForExit();
        }

        var process = Process.Start(psi)!;
        var bouncer = new PgBouncer(dir, process, port);
        var clock = Stopwatch.StartNew();
        while (!CanConnect(port))
        {
            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                var log = File.Exists(Path.Combine(dir, "pgbouncer.log")) ? File.ReadAllText(Path.Combine(dir, "pgbouncer.log")) : "";
                bouncer.Dispose();
                throw new InvalidOperationException($"pgbouncer did not start: {process.StandardError.ReadToEnd()} {log}");
            }

            Thread.Sleep(50);
        }

        return bouncer;
    }

    /// <summary>The connection string of <paramref name="directConnectionString"/>'s database, through PgBouncer.</summary>
    public string Through(string directConnectionString) =>
        new NpgsqlConnectionStringBuilder(directConnectionString) { Host = "127.0.0.1", Port = Port }.ConnectionString;

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool CanConnect(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
