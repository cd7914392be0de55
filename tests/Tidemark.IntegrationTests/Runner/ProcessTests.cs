using System.Diagnostics;
using Tidemark.IntegrationTests.Infrastructure;

namespace Tidemark.IntegrationTests.Runner;

/// <summary>The real CLI as separate processes: concurrency, kill -9, and bad input.</summary>
public sealed class ProcessTests : RunnerTestBase
{
    private void WriteTwentyMigrations(int count = 20)
    {
        for (var i = 1; i <= count; i++)
        {
            Folder.Write($"{i:0000}_t{i}.sql",
                $"CREATE TABLE t{i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());\n" +
                $"CREATE INDEX t{i}_name_idx ON t{i} (name);\n" +
                $"COMMENT ON TABLE t{i} IS 'table {i}';\n");
        }
    }

    private async Task AssertCompleteAsync(int count)
    {
        Assert.Equal(count, await HistoryCountAsync());
        Assert.Equal(count, await CountAsync("SELECT count(DISTINCT version) FROM tidemark.history"));
        Assert.Equal(count, await CountAsync("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^t[0-9]+$'"));
    }

    [Fact]
    public async Task Sixteen_processes_at_once_on_a_fresh_database_all_succeed_and_apply_once()
    {
        WriteTwentyMigrations();
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db)));
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.All));
        await AssertCompleteAsync(20);
        Assert.Equal(1, results.Count(r => r.Stdout.Contains("Applied 20 migrations", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Sixteen_processes_at_once_on_a_half_migrated_database_all_succeed()
    {
        WriteTwentyMigrations(10);
        Assert.Equal(0, (await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db)).ExitCode);
        WriteTwentyMigrations(20);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db)));
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.All));
        await AssertCompleteAsync(20);
    }

    [Fact]
    public async Task Kill_9_in_the_middle_of_a_migration_leaves_a_migration_boundary_and_rerun_completes()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        Folder.Write("0002_slow.sql", "CREATE TABLE slow_1 (id int);\nSELECT pg_sleep(3);\nCREATE TABLE slow_2 (id int);\n");
        Folder.Write("0003_c.sql", "CREATE TABLE c (id int);\n");

        using (var p = CliProcess.Start("migrate", "--dir", Folder.Path, "--url", Db))
        {
            var deadline = Stopwatch.StartNew();
            while (!await TestServer.ScalarAsync<bool>(Db, "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(3)%' AND state = 'active')"))
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the slow migration never started");
                await Task.Delay(50);
            }

            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }

        // The server notices the dead client and rolls back; wait for that session to go.
        var wait = Stopwatch.StartNew();
        while (await TestServer.ScalarAsync<bool>(Db, "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(3)%' AND state = 'active')")
               && wait.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
        }

        // A migration boundary: 0002 is either entirely there with its history row (the server had
        // received the whole batch, COMMIT included) or entirely absent; never half of it.
        var recorded = await CountAsync("SELECT count(*) FROM tidemark.history WHERE version = '0002'") == 1;
        Assert.True(await ExistsAsync("a"));
        Assert.Equal(recorded, await ExistsAsync("slow_1"));
        Assert.Equal(recorded, await ExistsAsync("slow_2"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM tidemark.history WHERE version = '0003'") - (await ExistsAsync("c") ? 1 : 0));

        var rerun = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db);
        Assert.True(rerun.ExitCode == 0, rerun.All);
        Assert.Equal(3, await HistoryCountAsync());
        Assert.True(await ExistsAsync("slow_2"));
        Assert.True(await ExistsAsync("c"));
    }

    [Fact]
    public async Task Failed_migration_exit_code_and_text_name_file_and_line_without_stack_trace()
    {
        var path = Folder.Write("0001_bad.sql", "CREATE TABLE ok (id int);\nCREATE TABLE bad (id int,, x int);\n");
        var r = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"{path}, line 2, column 26", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("42601", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("next: Fix line 2", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
        Assert.False(await ExistsAsync("ok"));
    }

    [Fact]
    public async Task Json_error_has_the_documented_shape()
    {
        Folder.Write("0001_bad.sql", "SELECT 1/0;\n");
        var r = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db, "--json");
        Assert.Equal(1, r.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.False(root.GetProperty("ok").GetBoolean());
        var failure = root.GetProperty("error").GetProperty("failure");
        Assert.Equal("22012", failure.GetProperty("sqlState").GetString());
        Assert.Equal(1, failure.GetProperty("line").GetInt32());
        Assert.Equal("0001", failure.GetProperty("migration").GetString());
    }

    [Fact]
    public async Task Missing_folder_is_a_short_error_naming_it()
    {
        var missing = Path.Combine(Folder.Path, "nope");
        var r = await CliProcess.RunAsync("migrate", "--dir", missing, "--url", Db);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(missing, r.Stderr, StringComparison.Ordinal);
        Assert.True(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length <= 3, r.Stderr);
    }

    [Fact]
    public async Task Unreachable_server_is_a_short_error_naming_host_and_port()
    {
        Folder.Write("0001_a.sql", "SELECT 1;\n");
        var r = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", "postgres://nobody@127.0.0.1:1/db");
        Assert.Equal(5, r.ExitCode);
        Assert.Contains("Cannot connect to postgres://nobody@127.0.0.1:1/db", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("connection refused", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_is_reported_and_never_printed()
    {
        await TestServer.ExecAsync(Db, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tm_password_user') THEN CREATE ROLE tm_password_user LOGIN PASSWORD 'right-one'; END IF; END $$");
        Folder.Write("0001_a.sql", "SELECT 1;\n");
        var b = new Npgsql.NpgsqlConnectionStringBuilder(Db);
        var url = $"postgres://tm_password_user:Wr0ngSecret%21@127.0.0.1:{b.Port}/{b.Database}";
        var r = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", url);
        Assert.Equal(5, r.ExitCode);
        Assert.Contains("Cannot log in", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("password authentication failed", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Wr0ngSecret", r.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_url_and_no_database_url_is_a_usage_error()
    {
        Folder.Write("0001_a.sql", "SELECT 1;\n");
        var r = await CliProcess.RunAsync("status", "--dir", Folder.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("DATABASE_URL", r.Stderr, StringComparison.Ordinal);
    }
}
