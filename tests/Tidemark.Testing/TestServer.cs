using System.Diagnostics;
using Npgsql;
using Tidemark.Connections;

namespace Tidemark.Testing;

/// <summary>
/// The real PostgreSQL server for this test run: <c>TIDEMARK_TEST_URL</c> when the test script
/// started one, otherwise a throwaway cluster started here with <c>scripts/pg-local.sh</c> and
/// stopped when the test process exits. Each test gets its own fresh database.
/// </summary>
public static class TestServer
{
    private static readonly Lazy<string> Admin = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Npgsql connection string of the maintenance database (<c>postgres</c>).</summary>
    public static string AdminConnectionString => Admin.Value;

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Creates an empty database and returns its Npgsql connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "t", CancellationToken ct = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)].ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(AdminConnectionString))
        {
            await conn.OpenAsync(ct);
            // FILE_COPY (15+; the only strategy before) copies template0's files instead of WAL-logging every page:
            // about twice as fast, which counts when a run creates some two thousand databases.
            var strategy = conn.PostgreSqlVersion.Major >= 15 ? " STRATEGY FILE_COPY" : "";
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0{strategy}", conn);
            await cmd.ExecuteNonQueryAsync(ct);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    /// <summary>The test server's major version (13 to 18: scripts/test.sh runs suites on each).</summary>
    public static async Task<int> MajorVersionAsync(CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync(ct);
        return conn.PostgreSqlVersion.Major;
    }

    /// <summary>Runs SQL (possibly several statements) on a database.</summary>
    public static async Task ExecAsync(string connectionString, string sql, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs a scalar query.</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        var result = await cmd.ExecuteScalarAsync(ct);
        return (T)result!;
    }

    /// <summary>Runs a scalar query on a session the caller keeps open (several checks, one backend).</summary>
    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct = default)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static string Start()
    {
        var url = Environment.GetEnvironmentVariable("TIDEMARK_TEST_URL");
        if (!string.IsNullOrWhiteSpace(url))
        {
            return ConnectionString.Normalize(url);
        }

        var dir = Path.Combine(Path.GetTempPath(), "tidemark-tests-" + Guid.NewGuid().ToString("N")[..8]);
        var script = Path.Combine(RepoRoot, "scripts", "pg-local.sh");
        var started = Run(script, $"start {dir}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Run(script, $"stop {dir}");
        return ConnectionString.Normalize(started.Trim());
    }

    private static string Run(string file, string args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {args} failed ({p.ExitCode}): {stderr}");
        }

        return stdout;
    }

    private static string FindRepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Tidemark.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("Cannot find the repository root (Tidemark.slnx) above " + AppContext.BaseDirectory);
    }
}
