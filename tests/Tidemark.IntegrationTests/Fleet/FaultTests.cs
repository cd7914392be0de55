using System.Diagnostics;
using Npgsql;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.Locking;
using Tidemark.Testing;
using Xunit.Abstractions;

namespace Tidemark.IntegrationTests.Fleet;

/// <summary>
/// Network faults: a proxy cuts every connection at a random point of a run (mid-batch, mid-commit, during
/// CREATE INDEX CONCURRENTLY); then the database must be at a migration boundary or at a recorded statement,
/// the lock or lease free again within its expiry, and a rerun must converge with nothing lost or doubled.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Transactional = ["0001", "0002", "0003", "0004", "0006", "0007"];
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private void WriteMigrations(string? slowSql = null)
    {
        _folder.Write("0001_t1.sql", "CREATE TABLE t1 (id int PRIMARY KEY, name text);\nINSERT INTO t1 SELECT g, 'n' || g FROM generate_series(1, 200) g;\n");
        _folder.Write("0002_t2.sql", "CREATE TABLE t2 (id int PRIMARY KEY, t1_id int REFERENCES t1);\nINSERT INTO t2 SELECT g, g FROM generate_series(1, 50) g;\n");
        _folder.Write("0003_t3.sql", "CREATE TABLE t3 (id int PRIMARY KEY);\n" + (slowSql ?? "") + "INSERT INTO t3 VALUES (1);\n");
        _folder.Write("0004_t4.sql", "CREATE TABLE t4 (id int);\nINSERT INTO t4 VALUES (1), (2);\n");
        _folder.Write("0005_idx.sql", "CREATE INDEX CONCURRENTLY t1_name_idx ON t1 (name);\n" + (slowSql ?? "") + "CREATE INDEX CONCURRENTLY t2_t1_idx ON t2 (t1_id);\n");
        _folder.Write("0006_t6.sql", "CREATE TABLE t6 (id int);\nINSERT INTO t6 VALUES (1), (2), (3);\n");
        _folder.Write("0007_c.sql", "ALTER TABLE t1 ADD COLUMN c int;\nUPDATE t1 SET c = id;\n");
    }

    private MigratorOptions Options(LockStrategy strategy) => new()
    {
        Directory = _folder.Path,
        LockStrategy = strategy,
        LeaseDuration = TimeSpan.FromSeconds(2),
        LockWaitTimeout = TimeSpan.FromSeconds(60),
    };

    private static async Task<(bool Failed, string Error)> RunAsync(string connectionString, MigratorOptions options)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await new Migrator(dataSource, options).MigrateAsync(timeout.Token);
            return (false, "");
        }
        catch (Exception ex) when (ex is TidemarkException or NpgsqlException or IOException or OperationCanceledException or InvalidOperationException or TimeoutException)
        {
            return (true, ex.GetType().Name + ": " + ex.Message.Split('\n')[0]);
        }
    }

    private static string Via(string db, int port) =>
        new NpgsqlConnectionStringBuilder(db) { Host = "127.0.0.1", Port = port, Timeout = 5, Pooling = false }.ConnectionString;

    [Fact]
    public async Task A_hundred_random_network_cuts_leave_a_boundary_or_a_recorded_statement_and_the_rerun_converges()
    {
        WriteMigrations();
        var server = new NpgsqlConnectionStringBuilder(TestServer.AdminConnectionString);
        long total;
        {
            var db = await TestServer.CreateDatabaseAsync("fault");
            await using var proxy = new FaultProxy(server.Host!, server.Port);
            Assert.False((await RunAsync(Via(db, proxy.Port), Options(LockStrategy.Advisory))).Failed);
            total = proxy.Bytes;
            await using var probe = await OpenAsync(db);
            await AssertCompleteAsync(probe);
        }

        // The trials run three at a time: each has its own database and proxy, and much of a trial is waiting (a cut
        // lease runs out, the server notices a cut client), which the others fill.
        var random = new Random(14);
        var trials = Enumerable.Range(0, 100)
            .Select(trial => (Trial: trial, Strategy: trial % 2 == 0 ? LockStrategy.Advisory : LockStrategy.Lease, Cut: (long)(random.NextDouble() * total * 1.05)))
            .ToList();
        var outcomes = new Dictionary<string, int>();
        await Parallel.ForEachAsync(trials, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (t, ct) =>
        {
            var db = await TestServer.CreateDatabaseAsync("fault", ct);
            string error;
            await using (var proxy = new FaultProxy(server.Host!, server.Port, t.Cut))
            {
                (_, error) = await RunAsync(Via(db, proxy.Port), Options(t.Strategy));
            }

            var context = $"trial {t.Trial}, {t.Strategy}, cut after {t.Cut} of {total} bytes ({error})";
            string state;
            await using (var probe = await OpenAsync(db))
            {
                await WaitForOtherSessionsAsync(probe, context);
                state = await AssertBoundaryAsync(probe, context);
                await AssertLockFreeWithinExpiryAsync(probe, t.Strategy, context);
            }

            lock (outcomes)
            {
                outcomes[state] = outcomes.GetValueOrDefault(state) + 1;
            }

            var rerun = await RunAsync(db, Options(t.Strategy));
            Assert.False(rerun.Failed, $"{context}: rerun failed: {rerun.Error}");
            await using (var probe = await OpenAsync(db))
            {
                await AssertCompleteAsync(probe, context);
            }

            await TestServer.ExecAsync(TestServer.AdminConnectionString, $"DROP DATABASE \"{new NpgsqlConnectionStringBuilder(db).Database}\"", ct);
        });

        output.WriteLine(string.Join(", ", outcomes.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}: {kv.Value}")));
        Assert.True(outcomes.Count >= 4, "cuts landed in too few places: " + string.Join(", ", outcomes.Keys));
    }

    [Fact]
    public async Task PostgreSQL_restarted_during_a_run_leaves_a_boundary_or_a_recorded_statement_and_the_rerun_converges()
    {
        var pgLocal = Path.Combine(TestServer.RepoRoot, "scripts", "pg-local.sh");
        var dir = Path.Combine(Path.GetTempPath(), "tidemark-restart-" + Guid.NewGuid().ToString("N")[..8]);
        var url = (await ShellAsync(pgLocal, "start", dir)).Trim();
        try
        {
            // No pooling: pooled sessions die with the restart.
            var admin = new NpgsqlConnectionStringBuilder(Tidemark.Connections.ConnectionString.Normalize(url)) { Pooling = false }.ConnectionString;
            foreach (var (strategy, slowIn) in new[] { (LockStrategy.Advisory, "0003"), (LockStrategy.Lease, "0005") })
            {
                _folder.Delete("0003_t3.sql");
                _folder.Delete("0005_idx.sql");
                WriteMigrations();
                // Slow until the database says otherwise, so the rerun needs no edited file.
                var slow = "SELECT pg_sleep(CASE WHEN current_setting('tidemark_test.fast', true) = 'on' THEN 0 ELSE 30 END);\n";
                if (slowIn == "0003")
                {
                    _folder.Write("0003_t3.sql", "CREATE TABLE t3 (id int PRIMARY KEY);\n" + slow + "INSERT INTO t3 VALUES (1);\n");
                }
                else
                {
                    _folder.Write("0005_idx.sql", "CREATE INDEX CONCURRENTLY t1_name_idx ON t1 (name);\n" + slow + "CREATE INDEX CONCURRENTLY t2_t1_idx ON t2 (t1_id);\n");
                }

                var name = "restart_" + strategy.ToString().ToLowerInvariant();
                await TestServer.ExecAsync(admin, $"CREATE DATABASE {name}");
                var db = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
                var run = RunAsync(db, Options(strategy));
                var clock = Stopwatch.StartNew();
                while (!await TestServer.ScalarAsync<bool>(admin, "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(CASE%' AND state = 'active')"))
                {
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the slow statement never started");
                    await Task.Delay(50);
                }

                await RestartAsync(dir);
                var (failed, error) = await run;
                Assert.True(failed, "the run should have failed when the server restarted");
                var context = $"restart during {slowIn} ({strategy}): {error}";
                await using var probe = await OpenAsync(db);
                var state = await AssertBoundaryAsync(probe, context);
                output.WriteLine($"{context} -> {state}");
                // 0001–0004 run as one group transaction (MigrationExecutor.RunGroupAsync): a restart inside 0003 rolls the
                // whole group back; 0005 (outside a transaction) keeps the statement it recorded.
                Assert.Equal(slowIn == "0003" ? "after nothing" : "0005 at statement 1", state);
                await AssertLockFreeWithinExpiryAsync(probe, strategy, context);
                await TestServer.ExecAsync(admin, $"ALTER DATABASE {name} SET tidemark_test.fast = 'on'");
                var rerun = await RunAsync(db, Options(strategy));
                Assert.False(rerun.Failed, $"{context}: rerun failed: {rerun.Error}");
                await AssertCompleteAsync(probe, context);
            }
        }
        finally
        {
            await ShellAsync(pgLocal, "stop", dir);
        }
    }

    /// <summary>The server notices the cut clients on its own; wait until their sessions are gone (a CIC in flight finishes first).</summary>
    private static async Task WaitForOtherSessionsAsync(NpgsqlConnection db, string context)
    {
        var clock = Stopwatch.StartNew();
        while (await TestServer.ScalarAsync<long>(db, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()") > 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{context}: sessions of the cut run are still there after 30 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Every migration is either applied with its history row or absent; 0005 (outside a transaction) matches its recorded statements, give or take the one in flight.</summary>
    private static async Task<string> AssertBoundaryAsync(NpgsqlConnection db, string context)
    {
        var history = await HistoryAsync(db);
        Assert.True(history.Count == history.Select(h => h.Version).Distinct().Count(), $"{context}: duplicate history rows");
        foreach (var v in Transactional)
        {
            var applied = history.Any(h => h.Version == v && h.Status == "applied");
            var present = await EffectOfAsync(db, v);
            Assert.True(applied == (present is not null), $"{context}: {v} applied={applied} but its effect is {(present is null ? "absent" : "present")}");
            if (present is not null)
            {
                Assert.True(present.Value, $"{context}: {v} is only partly there (rows or column incomplete)");
            }
        }

        var idx = history.FirstOrDefault(h => h.Version == "0005");
        var first = await IndexAsync(db, "t1_name_idx");
        var second = await IndexAsync(db, "t2_t1_idx");
        if (idx is null)
        {
            Assert.True(first is null && second is null, $"{context}: 0005 has no history row but an index exists");
        }
        else if (idx.Status == "applied")
        {
            Assert.True(first == true && second == true, $"{context}: 0005 applied but its indexes are not both valid");
        }
        else
        {
            Assert.True(idx.Done <= 2, context);
            Assert.True(idx.Done < 1 || first == true, $"{context}: statement 1 recorded done but t1_name_idx is {first?.ToString() ?? "absent"}");
            Assert.True(second is null || idx.Done >= 1, $"{context}: t2_t1_idx exists though statement 1 is not recorded");
        }

        // The applied migrations are a prefix: nothing later is applied while something earlier is not.
        var order = new[] { "0001", "0002", "0003", "0004", "0005", "0006", "0007" };
        var appliedCount = order.TakeWhile(v => history.Any(h => h.Version == v && h.Status == "applied")).Count();
        Assert.True(history.Count(h => h.Status == "applied") == appliedCount, $"{context}: applied migrations are not a prefix");
        return idx is { Status: "partial" } ? $"0005 at statement {idx.Done}" : $"after {(appliedCount == 0 ? "nothing" : order[appliedCount - 1])}";
    }

    private static async Task AssertLockFreeWithinExpiryAsync(NpgsqlConnection db, LockStrategy strategy, string context)
    {
        if (strategy == LockStrategy.Advisory)
        {
            Assert.True(await TestServer.ScalarAsync<long>(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == 0, $"{context}: an advisory lock is still held");
            return;
        }

        var exists = await TestServer.ScalarAsync<bool>(db, "SELECT to_regclass('tidemark.lease') IS NOT NULL");
        if (exists)
        {
            Assert.True(await TestServer.ScalarAsync<long>(db,
                "SELECT count(*) FROM tidemark.lease WHERE owner IS NOT NULL AND expires_at > clock_timestamp() + interval '2 seconds'") == 0,
                $"{context}: the lease is held beyond its expiry");
        }
    }

    private static async Task AssertCompleteAsync(NpgsqlConnection db, string context = "")
    {
        var history = await HistoryAsync(db);
        Assert.True(history.Count == 7 && history.All(h => h.Status == "applied"), $"{context}: not all 7 applied once: {string.Join(", ", history)}");
        foreach (var v in Transactional)
        {
            Assert.True(await EffectOfAsync(db, v) == true, $"{context}: {v} incomplete");
        }

        Assert.True(await IndexAsync(db, "t1_name_idx") == true && await IndexAsync(db, "t2_t1_idx") == true, $"{context}: indexes not valid");
    }

    /// <summary>Null when the migration's effect is absent; true when complete; false when partial (which must never happen).</summary>
    private static async Task<bool?> EffectOfAsync(NpgsqlConnection db, string version)
    {
        var (table, rows) = version switch
        {
            "0001" => ("t1", 200L),
            "0002" => ("t2", 50L),
            "0003" => ("t3", 1L),
            "0004" => ("t4", 2L),
            "0006" => ("t6", 3L),
            _ => ("", 0L),
        };
        if (version == "0007")
        {
            if (!await TestServer.ScalarAsync<bool>(db, "SELECT EXISTS (SELECT FROM information_schema.columns WHERE table_name = 't1' AND column_name = 'c')"))
            {
                return null;
            }

            return await TestServer.ScalarAsync<long>(db, "SELECT count(c) FROM t1") == 200;
        }

        if (!await TestServer.ScalarAsync<bool>(db, $"SELECT to_regclass('public.{table}') IS NOT NULL"))
        {
            return null;
        }

        return await TestServer.ScalarAsync<long>(db, $"SELECT count(*) FROM {table}") == rows;
    }

    private static async Task<bool?> IndexAsync(NpgsqlConnection db, string name)
    {
        await using var cmd = new NpgsqlCommand("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass($1)", db);
        cmd.Parameters.Add(new NpgsqlParameter { Value = "public." + name });
        return await cmd.ExecuteScalarAsync() is bool b ? b : null;
    }

    /// <summary>One session for a trial's checks: a new backend for each of its dozen queries cost more than the trial's own run.</summary>
    private static async Task<NpgsqlConnection> OpenAsync(string db)
    {
        var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        return conn;
    }

    private sealed record Row(string Version, string Status, int Done);

    private static async Task<List<Row>> HistoryAsync(NpgsqlConnection db)
    {
        await using var cmd = new NpgsqlCommand("SELECT version, status, statements_done FROM tidemark.history WHERE to_regclass('tidemark.history') IS NOT NULL ORDER BY id", db);
        var list = new List<Row>();
        try
        {
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                list.Add(new Row(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
            }
        }
        catch (PostgresException ex) when (ex.SqlState is "42P01" or "3F000")
        {
        }

        return list;
    }

    private static async Task RestartAsync(string dir)
    {
        var pgCtl = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pg_ctl")).First(File.Exists);
        var root = Environment.UserName == "root";
        // -l: without a log file the new postmaster inherits pg_ctl's stdout, and reading it to the end never ends.
        var args = new[] { "-D", Path.Combine(dir, "data"), "-l", Path.Combine(dir, "server.log"), "-m", "immediate", "-w", "restart" };
        await ShellAsync(root ? "runuser" : pgCtl, root ? ["-u", "postgres", "--", pgCtl, .. args] : args);
    }

    private static async Task<string> ShellAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)}: {await stderr}");
        return await stdout;
    }
}
