using System.Diagnostics;
using Npgsql;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.IntegrationTests.Runner;
using Tidemark.Testing;

namespace Tidemark.IntegrationTests.Fleet;

/// <summary>One PgBouncer in transaction pooling mode for the pooler tests.</summary>
public sealed class PgBouncerFixture : IDisposable
{
    public PgBouncer Bouncer { get; } = PgBouncer.Start();

    public void Dispose() => Bouncer.Dispose();
}

[CollectionDefinition("Pooler")]
public sealed class PoolerCollection : ICollectionFixture<PgBouncerFixture>;

/// <summary>
/// Through a real PgBouncer in transaction pooling mode (what Supabase's port 6543 and Neon's -pooler host
/// are): the default lock strategy detects the pooler and uses the lease; nothing relies on session state.
/// </summary>
[Collection("Pooler")]
public sealed class PoolerTests(PgBouncerFixture fixture) : RunnerTestBase
{
    // A generous connect timeout: 16 processes start at once on a small, shared machine.
    private string Pooled => new NpgsqlConnectionStringBuilder(fixture.Bouncer.Through(Db)) { Timeout = 60 }.ConnectionString;

    private void WriteMigrations(int from, int to)
    {
        for (var i = from; i <= to; i++)
        {
            Folder.Write($"{i:0000}_t{i}.sql",
                $"CREATE TABLE t{i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);\n" +
                $"CREATE INDEX t{i}_name_idx ON t{i} (name);\nINSERT INTO t{i} (name) VALUES ('row of {i}');\n");
        }
    }

    private async Task AssertCompleteAsync(int count)
    {
        Assert.Equal(count, await HistoryCountAsync());
        Assert.Equal(count, await CountAsync("SELECT count(DISTINCT version) FROM tidemark.history"));
        Assert.Equal(count, await CountAsync("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^t[0-9]+$'"));
        for (var i = 1; i <= count; i++)
        {
            Assert.Equal(1, await CountAsync($"SELECT count(*) FROM t{i}"));
        }
    }

    [Fact]
    public async Task Through_pgbouncer_the_connection_is_detected_as_pooled_and_a_direct_one_is_not()
    {
        await using var pooled = new NpgsqlConnection(Pooled);
        await pooled.OpenAsync();
        var traits = await Tidemark.Locking.ConnectionProbe.ProbeAsync(pooled, default);
        Assert.True(traits.Pooled, traits.Reason);
        Assert.False(traits.AdvisoryLocksWork);

        await using var direct = new NpgsqlConnection(Db);
        await direct.OpenAsync();
        var directTraits = await Tidemark.Locking.ConnectionProbe.ProbeAsync(direct, default);
        Assert.False(directTraits.Pooled, directTraits.Reason);
        Assert.True(directTraits.AdvisoryLocksWork);
    }

    [Fact]
    public async Task Sixteen_processes_at_once_through_pgbouncer_on_a_fresh_database_all_succeed_without_duplicates()
    {
        WriteMigrations(1, 20);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Pooled)));
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.All));
        await AssertCompleteAsync(20);
        Assert.Equal(1, results.Count(r => r.Stdout.Contains("Applied 20 migrations", StringComparison.Ordinal)));
        Assert.All(results, r => Assert.DoesNotContain("Fix line", r.All, StringComparison.Ordinal));
        // The lease is free again: no owner.
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM tidemark.lease WHERE owner IS NOT NULL"));
    }

    [Fact]
    public async Task Sixteen_processes_at_once_through_pgbouncer_on_a_half_migrated_database_all_succeed()
    {
        WriteMigrations(1, 10);
        Assert.Equal(0, (await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Pooled)).ExitCode);
        WriteMigrations(11, 20);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Pooled)));
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.All));
        await AssertCompleteAsync(20);
        Assert.Equal(1, results.Count(r => r.Stdout.Contains("Applied 10 migrations", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Leader_killed_with_kill_9_another_takes_over_after_the_lease_expires_and_the_dead_ones_transaction_never_lands()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\nCREATE TABLE marker (app text NOT NULL);\n");
        Folder.Write("0002_slow.sql", "INSERT INTO marker VALUES (current_setting('application_name'));\nSELECT pg_sleep(8);\nCREATE TABLE b (id int);\n");
        var leader = new NpgsqlConnectionStringBuilder(Pooled) { ApplicationName = "leader" }.ConnectionString;
        var follower = new NpgsqlConnectionStringBuilder(Pooled) { ApplicationName = "follower" }.ConnectionString;

        using var p = CliProcess.Start("migrate", "--dir", Folder.Path, "--url", leader, "--lease-duration", "3");
        var deadline = Stopwatch.StartNew();
        while (!await TestServer.ScalarAsync<bool>(Db, "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(8)%' AND state = 'active')"))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "the slow migration never started");
            await Task.Delay(50);
        }

        var token = await CountAsync("SELECT token FROM tidemark.lease");
        p.Kill(entireProcessTree: true);
        await p.WaitForExitAsync();

        // The follower waits for the dead leader's lease to expire, takes it over (a new fencing token) and migrates.
        var clock = Stopwatch.StartNew();
        var r = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", follower, "--lease-duration", "3");
        Assert.True(r.ExitCode == 0, r.All);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"took over after {clock.Elapsed}, before the lease could expire");
        Assert.True(await CountAsync("SELECT token FROM tidemark.lease") > token);

        // Wait until the dead leader's server session has finished its batch (it ran on after the client died).
        while (await TestServer.ScalarAsync<bool>(Db, "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(8)%' AND state = 'active')"))
        {
            await Task.Delay(100);
        }

        // Its transaction (marker row by 'leader', history rows) never landed: the fence refused its COMMIT.
        Assert.Equal(["follower"], await ListAsync("SELECT app FROM marker"));
        Assert.Equal(2, await HistoryCountAsync());
        Assert.Equal(2, await CountAsync("SELECT count(DISTINCT version) FROM tidemark.history"));
        Assert.True(await ExistsAsync("b"));
    }

    [Fact]
    public async Task A_concurrent_index_migration_through_pgbouncer_is_refused_naming_the_direct_url_and_nothing_runs()
    {
        Folder.Write("0001_t.sql", "CREATE TABLE t (id int, name text);\n");
        Folder.Write("0002_idx.sql", "CREATE INDEX CONCURRENTLY t_name_idx ON t (name);\n");
        var r = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Pooled);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("0002_idx.sql runs outside a transaction", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("--direct-url", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was applied", r.Stderr, StringComparison.Ordinal);
        Assert.False(await ExistsAsync("t"));
        Assert.Equal(0, await HistoryCountAsync());
    }

    [Fact]
    public async Task A_concurrent_index_migration_through_pgbouncer_runs_on_the_direct_url_when_given()
    {
        Folder.Write("0001_t.sql", "CREATE TABLE t (id int, name text);\n");
        Folder.Write("0002_idx.sql", "CREATE INDEX CONCURRENTLY t_name_idx ON t (name);\n");
        Folder.Write("0003_u.sql", "CREATE TABLE u (id int);\n");
        var r = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Pooled, "--direct-url", Db);
        Assert.True(r.ExitCode == 0, r.All);
        Assert.True(await TestServer.ScalarAsync<bool>(Db, "SELECT indisvalid FROM pg_index WHERE indexrelid = 't_name_idx'::regclass"));
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM tidemark.history WHERE status = 'applied'"));
        Assert.True(await ExistsAsync("u"));
    }

    [Fact]
    public async Task A_direct_url_that_is_pooled_too_is_refused()
    {
        Folder.Write("0001_idx.sql", "CREATE TABLE t (id int);\nCREATE INDEX CONCURRENTLY t_idx ON t (id);\n");
        var r = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Pooled, "--direct-url", Pooled);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("is pooled too", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_advisory_strategy_through_pgbouncer_is_refused_clearly()
    {
        WriteMigrations(1, 1);
        var r = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Pooled, "--lock", "advisory");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("advisory lock strategy cannot serialise runners", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("--lock lease", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_per_tenant_through_pgbouncer_uses_set_local_search_path()
    {
        WriteMigrations(1, 3);
        await TestServer.ExecAsync(Db, "CREATE TABLE tenants (schema_name text); INSERT INTO tenants VALUES ('acme'), ('globex');");
        var r = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Pooled, "--tenant-schemas", "SELECT schema_name FROM tenants ORDER BY 1", "--json");
        Assert.True(r.ExitCode == 0, r.All);
        foreach (var tenant in new[] { "acme", "globex" })
        {
            Assert.Equal(3, await CountAsync($"SELECT count(*) FROM pg_tables WHERE schemaname = '{tenant}' AND tablename ~ '^t[0-9]+$'"));
            Assert.Equal(3, await CountAsync($"SELECT count(*) FROM tidemark.history_{tenant}"));
        }

        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^t[0-9]+$'"));
    }

    [Fact]
    public async Task A_shadow_database_behind_pgbouncer_replays_the_migrations_and_the_existing_schema_is_adopted()
    {
        // The replay prepares its catalog queries once per connection. Behind a transaction pooler a later transaction
        // may run on another server connection, where they do not exist (the reader then falls back to unprepared reads;
        // CatalogReaderTests covers that fallback): whichever server connection each read gets, the replay must work.
        WriteMigrations(1, 3);
        await TestServer.ExecAsync(Db, string.Concat(Enumerable.Range(1, 2).Select(i => File.ReadAllText(Path.Combine(Folder.Path, $"{i:0000}_t{i}.sql")))));
        var shadow = new NpgsqlConnectionStringBuilder(fixture.Bouncer.Through(await TestServer.CreateDatabaseAsync("shadow"))) { Timeout = 60 }.ConnectionString;
        var options = new MigratorOptions
        {
            Shadow = new Tidemark.Shadow.ShadowOptions { Url = shadow, AllowTemporaryDatabase = false, AllowLocalCluster = false },
        };

        var result = await CreateMigrator(options).MigrateAsync();

        Assert.Equal(["0001", "0002"], result.Adopted.Select(a => a.Version));
        Assert.Equal(["0003"], result.Applied.Select(a => a.Version));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM t1"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM t3"));
    }

    private async Task<List<string>> ListAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
