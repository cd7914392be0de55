using System.Text.Json;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.IntegrationTests.Runner;

namespace Tidemark.IntegrationTests.Lint;

public sealed class LintCommandTests : RunnerTestBase
{
    private static TempFolder Files(params (string Name, string Sql)[] files)
    {
        var dir = new TempFolder();
        foreach (var (name, sql) in files)
        {
            File.WriteAllText(Path.Combine(dir.Path, name), sql);
        }

        return dir;
    }

    private static readonly (string, string) Create = ("0001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text, age integer, seen timestamp);");
    private static readonly (string, string) Rewrite = ("0002_age.sql", "-- widen\nALTER TABLE users ALTER COLUMN age TYPE bigint;");

    [Fact]
    public async Task Text_output_names_file_line_column_code_lock_and_safe_alternative_and_exits_3_on_an_error()
    {
        using var dir = Files(Create, Rewrite);
        var r = await CliProcess.RunAsync("lint", "--dir", dir.Path, "--no-color");
        Assert.True(r.ExitCode == 3, r.All);
        Assert.Contains("0002_age.sql:2:19: error TM112 column-type-change-rewrites", r.Stdout, StringComparison.Ordinal);
        Assert.Contains(" 2 | ALTER TABLE users ALTER COLUMN age TYPE bigint;", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("   |                   ^", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("lock: ACCESS EXCLUSIVE on users (blocks reads and writes); rewrites the table", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("safe alternative:", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE users ADD COLUMN age_new bigint;", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("docs: docs/lint/TM112.md", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_has_the_documented_shape()
    {
        using var dir = Files(Create, Rewrite);
        var r = await CliProcess.RunAsync("lint", "--dir", dir.Path, "--format", "json");
        Assert.True(r.ExitCode == 3, r.All);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(["version", "ok", "findings"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.False(doc.RootElement.GetProperty("ok").GetBoolean());
        var finding = doc.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "TM112");
        Assert.Equal(["file", "line", "column", "code", "severity", "message", "lock", "blocks", "rewrite", "safeAlternative", "table"], finding.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, finding.GetProperty("line").GetInt32());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal("ACCESS EXCLUSIVE", finding.GetProperty("lock").GetString());
        Assert.Equal("reads and writes", finding.GetProperty("blocks").GetString());
        Assert.True(finding.GetProperty("rewrite").GetBoolean());
        Assert.Equal("users", finding.GetProperty("table").GetString());
    }

    [Fact]
    public async Task Sarif_is_2_1_0_with_every_rule_and_github_prints_annotations()
    {
        using var dir = Files(Create, Rewrite);
        var sarif = await CliProcess.RunAsync("lint", "--dir", dir.Path, "--format", "sarif");
        using var doc = JsonDocument.Parse(sarif.Stdout);
        Assert.Equal("2.1.0", doc.RootElement.GetProperty("version").GetString());
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal(Tidemark.Lint.Linter.Rules.Count, run.GetProperty("tool").GetProperty("driver").GetProperty("rules").GetArrayLength());
        var result = run.GetProperty("results").EnumerateArray().Single(x => x.GetProperty("ruleId").GetString() == "TM112");
        Assert.Equal("error", result.GetProperty("level").GetString());
        Assert.Equal(2, result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());

        var gh = await CliProcess.RunAsync("lint", "--dir", dir.Path, "--format", "github");
        Assert.Contains("::error file=", gh.Stdout, StringComparison.Ordinal);
        Assert.Contains("0002_age.sql,line=2,col=19,title=TM112 column-type-change-rewrites::", gh.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', gh.Stdout.Split("::error", StringSplitOptions.None)[1].TrimEnd('\n', '\r').Split("\n::")[0]);
    }

    [Fact]
    public async Task A_clean_folder_exits_0_and_bad_input_exits_2()
    {
        using var clean = Files(Create, ("0002_index.sql", "-- tidemark:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);"));
        var ok = await CliProcess.RunAsync("lint", "--dir", clean.Path, "--no-color");
        Assert.True(ok.ExitCode == 0, ok.All);

        var missing = await CliProcess.RunAsync("lint", "--dir", Path.Combine(clean.Path, "nope"));
        Assert.Equal(2, missing.ExitCode);

        File.WriteAllText(Path.Combine(clean.Path, "tidemark.lint.json"), """{ "rule": {} }""");
        var bad = await CliProcess.RunAsync("lint", "--dir", clean.Path);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("unknown key 'rule'", bad.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_url_only_pending_migrations_are_linted_and_each_finding_says_how_big_the_table_is()
    {
        using var dir = Files(Create);
        Assert.Equal(0, (await CliProcess.RunAsync("migrate", "--dir", dir.Path, "--url", Db)).ExitCode);
        await TestServer.ExecAsync(Db, "INSERT INTO users SELECT g, 'u' || g, g FROM generate_series(1, 20000) g; ANALYZE users;");
        File.WriteAllText(Path.Combine(dir.Path, "0002_age.sql"), "ALTER TABLE users ALTER COLUMN age TYPE bigint;");

        var r = await CliProcess.RunAsync("lint", "--dir", dir.Path, "--url", Db, "--format", "json");
        using var doc = JsonDocument.Parse(r.Stdout);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.All(findings, f => Assert.EndsWith("0002_age.sql", f.GetProperty("file").GetString(), StringComparison.Ordinal));
        var message = findings.Single(f => f.GetProperty("code").GetString() == "TM112").GetProperty("message").GetString()!;
        Assert.Contains("[public.users: ", message, StringComparison.Ordinal);
        Assert.Contains("~20 k rows", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_with_hazards_refuse_runs_nothing_while_a_pending_migration_has_an_error_finding()
    {
        using var dir = Files(Create, Rewrite);
        var refused = await CliProcess.RunAsync("migrate", "--dir", dir.Path, "--url", Db, "--hazards", "refuse", "--no-color");
        Assert.True(refused.ExitCode == 3, refused.All);
        Assert.Contains("TM112", refused.All, StringComparison.Ordinal);
        Assert.Equal("none", await TestServer.ScalarAsync<string>(Db, "SELECT coalesce(to_regclass('public.users')::text, 'none')"));

        var plan = await CliProcess.RunAsync("plan", "--dir", dir.Path, "--url", Db, "--no-color");
        Assert.Contains("TM112 line 2:", plan.Stdout, StringComparison.Ordinal);

        var warned = await CliProcess.RunAsync("migrate", "--dir", dir.Path, "--url", Db, "--no-color");
        Assert.True(warned.ExitCode == 0, warned.All);
        Assert.Contains("lint:", warned.Stderr, StringComparison.Ordinal);
        Assert.Equal("bigint", await TestServer.ScalarAsync<string>(Db, "SELECT data_type FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'age'"));
    }
}
