using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.IntegrationTests.Runner;

namespace Tidemark.IntegrationTests.Cli;

/// <summary>What a newcomer trips over (issue 15): terminal output, truthful durations, help, wording, errors.</summary>
public sealed partial class FinishedCliTests : RunnerTestBase
{
    private async Task<CliProcess.Result> Tidemark(params string[] args) =>
        await CliProcess.RunAsync([.. args, "--dir", Folder.Path, "--url", Db]);

    [Fact]
    [Trait("ManagedCli", "each-command")]
    public async Task On_a_terminal_the_progress_line_is_cleared_before_the_error()
    {
        Folder.Write("0001_users.sql", "CREATE TABLE users (id int);\n");
        Folder.Write("0002_orders.sql", "SELECT pg_sleep(0.2);\nCREATE TABLE orders (qty integr);\n");

        var (exit, screen) = await CliTerminal.RunAsync("migrate", "--dir", Folder.Path, "--url", Db);

        Assert.Equal(1, exit);
        Assert.Contains("[2/2] 0002 orders", screen, StringComparison.Ordinal);
        // The live line is erased (carriage return + erase-line), then what committed is listed, then the error starts
        // a line of its own, never glued to "… 0.6s".
        Assert.Matches(new Regex(@"\r\x1b\[K(\x1b\[[0-9;]*m)*  (\x1b\[[0-9;]*m)*applied(\x1b\[[0-9;]*m)* 0001 users[^\n]*\r?\n(\x1b\[[0-9;]*m)*error: Migration 0002"), screen);
        Assert.DoesNotMatch(new Regex(@"s(\x1b\[[0-9;]*m)*(\x1b\[K)?error:"), screen);
    }

    [Fact]
    public async Task Plain_output_lists_every_applied_migration_with_its_recorded_duration()
    {
        Folder.Write("0001_users.sql", "CREATE TABLE users (id int);\n");
        Folder.Write("0002_slow.sql", "SELECT pg_sleep(0.25);\nCREATE TABLE slow (id int);\n");

        var r = await Tidemark("migrate");

        Assert.Equal(0, r.ExitCode);
        var durations = await HistoryDurationsAsync();
        Assert.Contains($"applied 0001 users (1 statement, {durations["0001"]} ms)", r.Stdout, StringComparison.Ordinal);
        Assert.Contains($"applied 0002 slow (2 statements, {durations["0002"]} ms)", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("Applied 2 migrations in ", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("(s)", r.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_run_still_lists_the_migrations_it_committed_before_the_failure()
    {
        Folder.Write("0001_users.sql", "CREATE TABLE users (id int);\n");
        Folder.Write("0002_posts.sql", "CREATE TABLE posts (id int);\n");
        Folder.Write("0003_broken.sql", "CREATE TABLE broken (id int REFERENCES nowhere);\n");

        var r = await Tidemark("migrate");

        Assert.NotEqual(0, r.ExitCode);
        var durations = await HistoryDurationsAsync();
        Assert.Contains($"applied 0001 users (1 statement, {durations["0001"]} ms)", r.Stdout, StringComparison.Ordinal);
        Assert.Contains($"applied 0002 posts (1 statement, {durations["0002"]} ms)", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("applied 0003", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("Migration 0003 (broken) failed", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grouped_migrations_record_their_own_real_durations_and_json_uses_whole_ms_everywhere()
    {
        Folder.Write("0001_fast.sql", "CREATE TABLE fast (id int);\n");
        Folder.Write("0002_slow.sql", "SELECT pg_sleep(0.3);\nCREATE TABLE slow (id int);\n");
        Folder.Write("0003_fast_too.sql", "CREATE TABLE fast_too (id int);\n");

        var r = await Tidemark("migrate", "--json");

        Assert.Equal(0, r.ExitCode);
        var durations = await HistoryDurationsAsync();
        Assert.True(durations["0002"] >= 300, $"0002 slept 300 ms but recorded {durations["0002"]}");
        Assert.True(durations["0001"] < 300 && durations["0003"] < 300, string.Join(", ", durations));
        using var migrate = JsonDocument.Parse(r.Stdout);
        foreach (var a in migrate.RootElement.GetProperty("applied").EnumerateArray())
        {
            var ms = a.GetProperty("durationMs");
            Assert.Equal(JsonValueKind.Number, ms.ValueKind);
            Assert.True(ms.TryGetInt64(out var whole), ms.GetRawText());
            Assert.Equal(durations[a.GetProperty("version").GetString()!], whole);
        }

        Assert.Matches(@"""elapsedMs"": \d+,", r.Stdout);
        var status = await Tidemark("status", "--json");
        using var s = JsonDocument.Parse(status.Stdout);
        foreach (var m in s.RootElement.GetProperty("migrations").EnumerateArray())
        {
            Assert.Equal(durations[m.GetProperty("version").GetString()!], m.GetProperty("durationMs").GetInt64());
        }
    }

    [Fact]
    public async Task An_empty_pending_migration_stops_migrate_and_records_nothing()
    {
        Folder.Write("0001_users.sql", "CREATE TABLE users (id int);\n");
        var created = await CliProcess.RunAsync("new", "add orders", "--dir", Folder.Path);
        Assert.Equal(0, created.ExitCode);
        Folder.Write("0003_comment_only.sql", "-- TODO: write this\n\n");

        var r = await Tidemark("migrate");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("0002_add_orders.sql: migration 0002 (add_orders) is empty", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("Write its SQL", r.Stderr, StringComparison.Ordinal);
        Assert.False(await ExistsAsync("public.users"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM tidemark.history"));
    }

    [Fact]
    public async Task Rollback_dry_run_shows_the_plan_and_marks_the_step_that_needs_allow_data_loss()
    {
        Folder.Write("0001_users.sql", "CREATE TABLE users (id int);\n");
        Folder.Write("0002_thing.sql", "CREATE TABLE thing (id int);\n");
        Assert.Equal(0, (await Tidemark("migrate")).ExitCode);

        var r = await Tidemark("rollback", "--steps", "1", "--dry-run");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Would roll back 1 migration, from version 0002 to 0001 (dry run, nothing changed):", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("needs --allow-data-loss: drop table public.thing", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("table:public", r.Stdout, StringComparison.Ordinal);
        Assert.True(await ExistsAsync("public.thing"));
        var json = await Tidemark("rollback", "--steps", "1", "--dry-run", "--json");
        Assert.Contains("\"dataLoss\": [", json.Stdout, StringComparison.Ordinal);
        Assert.Equal(6, (await Tidemark("rollback", "--steps", "1")).ExitCode);
    }

    [Fact]
    public async Task Status_shows_audit_events_in_their_own_dated_section()
    {
        Folder.Write("0001_users.sql", "CREATE TABLE users (id int);\n");
        Folder.Write("0001_users.down.sql", "DROP TABLE users;\n");
        Folder.Write("0002_orders.sql", "CREATE TABLE orders (id int);\n");
        Folder.Write("0002_orders.down.sql", "DROP TABLE orders;\n");
        Assert.Equal(0, (await Tidemark("migrate")).ExitCode);
        Assert.Equal(0, (await Tidemark("rollback", "--steps", "1")).ExitCode);
        Assert.Equal(0, (await Tidemark("migrate")).ExitCode);

        var r = await Tidemark("status");

        var lines = r.Stdout.Split('\n');
        var version = Array.FindIndex(lines, l => l.StartsWith("Version:", StringComparison.Ordinal));
        Assert.DoesNotContain("rollback", lines[version + 1], StringComparison.Ordinal);
        var section = Array.FindIndex(lines, l => l.StartsWith("Recent events", StringComparison.Ordinal));
        Assert.True(section > Array.FindIndex(lines, l => l.Contains("applied, 0 pending", StringComparison.Ordinal)), r.Stdout);
        Assert.Matches(@"^  \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}  rollback ", lines[section + 1]);
        Assert.Contains("0 problems.", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("ManagedCli", "each-command")]
    public async Task The_version_comes_from_git_and_is_what_history_rows_record()
    {
        Folder.Write("0001_users.sql", "CREATE TABLE users (id int);\n");
        Assert.Equal(0, (await Tidemark("migrate")).ExitCode);

        var printed = (await CliProcess.RunAsync("--version")).Stdout.Trim();

        var assembly = typeof(Migrator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(assembly, printed);
        Assert.NotEqual("0.1.0", printed);
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?\+[0-9a-f]{7,}$", printed);
        var recorded = await TestServer.ScalarAsync<string>(Db, "SELECT tool_version FROM tidemark.history");
        Assert.Equal(printed.Split('+')[0], recorded);
    }

    [Fact]
    public async Task Help_fits_80_columns_lists_each_commands_own_options_and_lowercase_values()
    {
        var root = await CliProcess.RunAsync("--help");
        Assert.Equal(0, root.ExitCode);
        Assert.DoesNotContain("--allow-out-of-order", root.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("--drift", root.Stdout, StringComparison.Ordinal);
        foreach (var command in new[] { "migrate", "status", "validate", "plan", "new", "hash", "inspect", "diff", "rollback", "repair", "resolve", "down" })
        {
            var help = await CliProcess.RunAsync(command, "--help");
            Assert.Equal(0, help.ExitCode);
            foreach (var line in (root.Stdout + help.Stdout).Split('\n'))
            {
                Assert.True(line.TrimEnd().Length <= 80, $"{command}: {line.Length} columns: {line}");
            }
        }

        var migrate = await CliProcess.RunAsync("migrate", "--help");
        var flat = Regex.Replace(migrate.Stdout, @"\s+", " "); // descriptions wrap at 80 columns
        Assert.Contains("--reconcile", migrate.Stdout, StringComparison.Ordinal);
        Assert.Contains("refuse, warn, ignore (default refuse)", flat, StringComparison.Ordinal);
        Assert.Contains("drizzle-journal", flat, StringComparison.Ordinal);
        Assert.DoesNotContain("|Refuse|", migrate.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Refuse", migrate.Stdout, StringComparison.Ordinal);
        var inspect = await CliProcess.RunAsync("inspect", "--help");
        Assert.DoesNotContain("--reconcile", inspect.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("--dir", inspect.Stdout, StringComparison.Ordinal);

        // Values as users type them are accepted; a wrong one names the choices.
        Folder.Write("0001_users.sql", "CREATE TABLE users (id int);\n");
        Assert.Equal(0, (await Tidemark("plan", "--drift", "warn", "--layout", "plain")).ExitCode);
        var bad = await Tidemark("plan", "--drift", "sometimes");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("refuse, warn, ignore", Regex.Replace(bad.Stderr, @"\s+", " "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_fits_an_80_column_terminal_too()
    {
        var (exit, screen) = await CliTerminal.RunAsync("migrate", "--help");
        Assert.Equal(0, exit);
        Assert.All(screen.Split('\n'), line => Assert.True(line.TrimEnd('\r', ' ').Length <= 80, line));
    }

    [Fact]
    public async Task Typos_get_a_suggestion()
    {
        var command = await CliProcess.RunAsync("migrat");
        Assert.Equal(2, command.ExitCode);
        Assert.Contains("Did you mean `migrate`?", command.Stderr, StringComparison.Ordinal);

        var option = await CliProcess.RunAsync("status", "--drfit", "warn");
        Assert.Equal(2, option.ExitCode);
        Assert.Contains("Did you mean `--drift`?", option.Stderr, StringComparison.Ordinal);
        Assert.Contains("See `tidemark status --help`.", option.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_password_is_named_as_the_cause_with_where_to_put_it()
    {
        await TestServer.ExecAsync(Db, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tm_password_user') THEN CREATE ROLE tm_password_user LOGIN PASSWORD 'right-one'; END IF; END $$");
        Folder.Write("0001_a.sql", "SELECT 1;\n");
        var b = new Npgsql.NpgsqlConnectionStringBuilder(Db);

        var r = await CliProcess.RunAsync("status", "--dir", Folder.Path, "--url", $"postgres://tm_password_user@127.0.0.1:{b.Port}/{b.Database}");

        Assert.Equal(5, r.ExitCode);
        Assert.Contains("requires password authentication for this user, and no password was given", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("PGPASSWORD", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("reachable", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://app:secret@localhost:54x2/db", "the port '54x2' is not a number from 1 to 65535")]
    [InlineData("postgres://app:secret@localhost:99999/db", "the port '99999' is not a number from 1 to 65535")]
    [InlineData("postgres://app:secret@[::1/db", "has no closing ']'")]
    public async Task A_malformed_url_names_the_malformed_part_and_never_the_password(string url, string part)
    {
        Folder.Write("0001_a.sql", "SELECT 1;\n");

        var r = await CliProcess.RunAsync("status", "--dir", Folder.Path, "--url", url);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(part, r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", r.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Invalid URI", r.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_counts_statements_in_the_right_number()
    {
        Folder.Write("0001_one.sql", "CREATE TABLE one (id int);\n");
        Folder.Write("0002_two.sql", "CREATE TABLE two (id int);\nCREATE TABLE three (id int);\n");

        var r = await Tidemark("plan");

        Assert.Contains("(1 statement, in a transaction", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("(2 statements, in a transaction", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("Current version: none", r.Stdout, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, long>> HistoryDurationsAsync()
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(Db);
        await using var cmd = source.CreateCommand("SELECT version, duration_ms FROM tidemark.history");
        await using var reader = await cmd.ExecuteReaderAsync();
        var d = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            d[reader.GetString(0)] = reader.GetInt32(1);
        }

        return d;
    }
}

/// <summary>scripts/demo.sh and the empty-folder hint, as a newcomer meets them.</summary>
public sealed class NewcomerTests : RunnerTestBase
{
    [Fact]
    public async Task An_empty_folder_suggests_tidemark_new()
    {
        var r = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("`tidemark new <name>`", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_resolves_a_relative_folder_from_where_it_is_run()
    {
        Folder.Write(Path.Combine("db", "0001_demo_relative.sql"), "CREATE TABLE demo_relative (id int);\n");
        var psi = new System.Diagnostics.ProcessStartInfo("bash") { WorkingDirectory = Folder.Path, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(TestServer.RepoRoot, "scripts", "demo.sh"));
        psi.ArgumentList.Add("db");
        psi.Environment["DATABASE_URL"] = Db;
        psi.Environment["TIDEMARK_CLI_DLL"] = Path.Combine(AppContext.BaseDirectory, "Tidemark.Cli.dll");
        psi.Environment["NO_COLOR"] = "1";
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();

        Assert.True(p.ExitCode == 0, await stdout + await stderr);
        Assert.True(await ExistsAsync("public.demo_relative"), await stdout);
        Assert.Contains("applied 0001 demo_relative", await stdout, StringComparison.Ordinal);
    }
}
