using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Tidemark.Shadow;

/// <summary>
/// A throwaway PostgreSQL cluster for development: initdb into a temp folder, start on a free
/// loopback port with trust authentication, stop and delete on dispose. Runs the server as the
/// <c>postgres</c> user when the process is root (initdb refuses root). Mirrors scripts/pg-local.sh.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dir;
    private bool _stopped;

    private LocalCluster(string bin, string dir, int port)
    {
        _bin = bin;
        _dir = dir;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = true,
        }.ConnectionString;
    }

    public int Port { get; }

    /// <summary>Npgsql connection string of the cluster's <c>postgres</c> database.</summary>
    public string ConnectionString { get; }

    /// <summary>The folder of initdb/pg_ctl, or null when PostgreSQL server binaries are not installed.</summary>
    public static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.EnumerateDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .FirstOrDefault();
    }

    /// <summary>Starts a new cluster; <paramref name="port"/> 0 picks a free one.</summary>
    public static async Task<LocalCluster> StartAsync(int port = 0, CancellationToken ct = default)
    {
        var bin = FindBinaries() ?? throw new TidemarkException(
            "PostgreSQL server binaries (initdb, pg_ctl) are not installed, so no local PostgreSQL can be started.",
            "Install them (apt-get install -y postgresql) or give a database URL.");
        var dir = Path.Combine(Path.GetTempPath(), "tidemark-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        port = port == 0 ? FreePort() : port;
        var cluster = new LocalCluster(bin, dir, port);
        try
        {
            var asRoot = Environment.UserName == "root";
            if (asRoot)
            {
                await RunAsync("chown", ["postgres", dir], ct).ConfigureAwait(false);
            }

            await cluster.PgAsync("initdb", ["-D", Path.Combine(dir, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"], ct).ConfigureAwait(false);
            await cluster.PgAsync("pg_ctl", ["-D", Path.Combine(dir, "data"), "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60",
                "-o", $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections=200", "start"], ct).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        try
        {
            if (Directory.Exists(Path.Combine(_dir, "data")))
            {
                await PgAsync("pg_ctl", ["-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "stop"], CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (TidemarkException)
        {
            // Already stopped.
        }
        finally
        {
            try
            {
                Directory.Delete(_dir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private Task PgAsync(string tool, IReadOnlyList<string> args, CancellationToken ct)
    {
        var path = Path.Combine(_bin, tool);
        return Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. args], ct)
            : RunAsync(path, args, ct);
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new TidemarkException($"Could not start {file}.");
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct).ConfigureAwait(false);
        if (p.ExitCode != 0)
        {
            throw new TidemarkException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({p.ExitCode}): {(await stderr.ConfigureAwait(false)).Trim()} {(await stdout.ConfigureAwait(false)).Trim()}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
