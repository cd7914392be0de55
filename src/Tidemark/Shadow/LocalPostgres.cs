using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Tidemark.Shadow;

/// <summary>
/// A throwaway PostgreSQL cluster on this machine (mirrors <c>scripts/pg-local.sh</c>): <c>initdb</c>
/// into a temporary folder (as the <c>postgres</c> user when running as root), trust authentication,
/// loopback only, a free port, <c>pg_ctl start</c>; stopped and deleted on dispose or process exit.
/// Installs PostgreSQL with apt-get when no server binaries are found and the process is root.
/// For samples, demos and tests; never for data you want to keep.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable, IDisposable
{
    private readonly string _bin;
    private int _stopped;

    private LocalPostgres(string bin, string directory, int port)
    {
        _bin = bin;
        Directory = directory;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
        }.ConnectionString;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The folder holding the cluster (deleted on stop).</summary>
    public string Directory { get; }

    /// <summary>The TCP port the cluster listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Npgsql connection string of the <c>postgres</c> database as the <c>postgres</c> superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>Initialises and starts a cluster; <paramref name="port"/> 0 picks a free port.</summary>
    public static async Task<LocalPostgres> StartAsync(int port = 0, CancellationToken cancellationToken = default)
    {
        var bin = await FindOrInstallBinariesAsync(cancellationToken).ConfigureAwait(false);
        var dir = Path.Combine(Path.GetTempPath(), "tidemark-localpg-" + Guid.NewGuid().ToString("N")[..10]);
        System.IO.Directory.CreateDirectory(dir);
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres", dir], asPostgres: false, cancellationToken).ConfigureAwait(false);
        }

        port = port == 0 ? FreePort() : port;
        var server = new LocalPostgres(bin, dir, port);
        try
        {
            var data = Path.Combine(dir, "data");
            await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"], asPostgres: true, cancellationToken).ConfigureAwait(false);
            var serverOptions = string.Create(CultureInfo.InvariantCulture,
                $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60", "-o", serverOptions, "start"], asPostgres: true, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the server (immediately: its data is thrown away) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        NpgsqlConnection.ClearAllPools();
        var data = Path.Combine(Directory, "data");
        if (System.IO.Directory.Exists(data))
        {
            try
            {
                await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], asPostgres: true, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TidemarkException)
            {
                // Not running (never started, or already stopped): nothing to stop.
            }
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Stops the cluster and deletes its folder.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    private static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> FindOrInstallBinariesAsync(CancellationToken ct)
    {
        var found = FindBinaries();
        if (found is not null)
        {
            return found;
        }

        if (IsRoot && File.Exists("/usr/bin/apt-get"))
        {
            await RunAsync("/bin/sh", ["-c", "DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql"], asPostgres: false, ct).ConfigureAwait(false);
            found = FindBinaries();
        }

        return found ?? throw new TidemarkException(
            "No database connection is configured and PostgreSQL server binaries (initdb, pg_ctl) were not found, so a local server cannot be started.",
            "Install PostgreSQL (e.g. apt-get install postgresql), or configure a connection (ConnectionStrings:Default or DATABASE_URL).");
    }

    internal static string? FindBinaries()
    {
        var candidates = new List<string>();
        if (System.IO.Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        candidates.Add("/usr/local/pgsql/bin");
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args, bool asPostgres, CancellationToken ct)
    {
        var psi = asPostgres && IsRoot ? new ProcessStartInfo("runuser") : new ProcessStartInfo(file);
        if (asPostgres && IsRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(psi) ?? throw new TidemarkException($"Cannot start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        var output = (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false));
        if (process.ExitCode != 0)
        {
            throw new TidemarkException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed with exit code {process.ExitCode}: {output.Trim()}");
        }
    }
}
