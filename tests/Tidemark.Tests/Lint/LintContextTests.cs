using Tidemark.Lint;

namespace Tidemark.Tests.Lint;

/// <summary>Lint is quiet where the run is safe: new tables, Tidemark's own transaction and lock_timeout, the target version, reviewed ignores, configuration.</summary>
public sealed class LintContextTests
{
    private static IReadOnlyList<LintFinding> Lint(string sql, int version = 15) => LintRuleTests.Lint(sql, version);

    [Fact]
    public void A_constant_default_rewrites_before_PostgreSQL_11_and_not_from_11()
    {
        const string sql = "ALTER TABLE users ADD COLUMN active boolean DEFAULT true;";
        Assert.Contains(Lint(sql, 10), f => f.Code == "TM113" && f.Rewrite);
        Assert.DoesNotContain(Lint(sql, 11), f => f.Code == "TM113");
    }

    [Fact]
    public void Statements_on_a_table_created_earlier_in_the_same_migration_are_exempt()
    {
        var findings = Lint("""
            CREATE TABLE audit (id bigint PRIMARY KEY, user_id bigint, note text);
            CREATE INDEX audit_user ON audit (user_id);
            ALTER TABLE audit ADD CONSTRAINT audit_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
            ALTER TABLE audit ALTER COLUMN note SET NOT NULL;
            ALTER TABLE audit DROP COLUMN note;
            """);
        Assert.DoesNotContain(findings, f => f.Code is "TM103" or "TM107" or "TM109" or "TM202");
    }

    [Fact]
    public void The_same_statement_on_a_table_of_an_earlier_migration_is_reported()
    {
        var findings = Lint("CREATE INDEX orders_total ON orders (total);");
        var finding = Assert.Single(findings, f => f.Code == "TM103");
        Assert.Equal("SHARE", finding.Lock);
        Assert.Equal("writes", finding.Blocks);
        Assert.Equal("orders", finding.Table);
        Assert.Contains("CREATE INDEX CONCURRENTLY orders_total ON orders (total)", finding.SafeAlternative, StringComparison.Ordinal);
        Assert.Equal(1, finding.Line);
    }

    [Fact]
    public void Lock_timeout_is_judged_by_how_Tidemark_runs_the_file()
    {
        const string alter = "ALTER TABLE users ADD COLUMN x text;";
        Assert.DoesNotContain(Lint(alter), f => f.Code == "TM303");                                   // transactional: Tidemark sets lock_timeout
        Assert.Contains(Lint("-- tidemark:no-transaction\n" + alter), f => f.Code == "TM303");        // no transaction: no lock_timeout
        Assert.Contains(LintWith(alter, new LintOptions { LockTimeout = null }), f => f.Code == "TM303");
    }

    [Fact]
    public void Type_changes_that_are_binary_coercible_do_not_rewrite()
    {
        Assert.DoesNotContain(Lint("ALTER TABLE users ALTER COLUMN name TYPE varchar(40);"), f => f.Code == "TM112");
        Assert.DoesNotContain(Lint("ALTER TABLE users ALTER COLUMN name TYPE text;"), f => f.Code == "TM112");
        Assert.DoesNotContain(Lint("ALTER TABLE users ALTER COLUMN price TYPE numeric(12,2);"), f => f.Code == "TM112");
        Assert.DoesNotContain(Lint("ALTER TABLE users ALTER COLUMN addr TYPE inet;"), f => f.Code == "TM112");
        Assert.Contains(Lint("ALTER TABLE users ALTER COLUMN name TYPE varchar(10);"), f => f.Code == "TM112");
        Assert.Contains(Lint("ALTER TABLE users ALTER COLUMN price TYPE numeric(12,3);"), f => f.Code == "TM112");
        Assert.Contains(Lint("ALTER TABLE users ALTER COLUMN name TYPE text USING upper(name);"), f => f.Code == "TM112");
    }

    [Fact]
    public void An_ignore_on_the_statement_silences_only_that_statement()
    {
        var findings = Lint("""
            -- tidemark:lint-ignore TM103 users is tiny
            CREATE INDEX users_name ON users (name);
            CREATE INDEX orders_total ON orders (total);
            """);
        var left = Assert.Single(findings, f => f.Code == "TM103");
        Assert.Equal(3, left.Line);
        Assert.DoesNotContain(findings, f => f.Code == "TM499");
    }

    [Fact]
    public void An_ignore_at_the_top_of_the_file_silences_the_whole_file()
    {
        var findings = Lint("""
            -- tidemark:lint-ignore TM103 both tables are small

            CREATE INDEX users_name ON users (name);
            CREATE INDEX orders_total ON orders (total);
            """);
        Assert.DoesNotContain(findings, f => f.Code is "TM103" or "TM499");
    }

    [Fact]
    public void An_ignore_naming_an_unknown_code_is_reported()
    {
        var finding = Assert.Single(Lint("-- tidemark:lint-ignore TM999 typo\nSELECT 1;"), f => f.Code == "TM499");
        Assert.Contains("TM999", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_turns_rules_off_changes_severities_and_ignores_paths()
    {
        using var dir = new LintRuleTests.TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "0001_a.sql"), "CREATE TABLE t (id integer PRIMARY KEY, at timestamp, label varchar(9));");
        File.WriteAllText(Path.Combine(dir.Path, "0002_legacy.sql"), "CREATE TABLE u (c char(2));");
        File.WriteAllText(Path.Combine(dir.Path, "tidemark.lint.json"), """
            { "rules": { "TM401": "off", "TM405": "error" }, "ignorePaths": ["*_legacy.sql"] }
            """);
        var report = await Linter.LintAsync(new LintOptions { Directory = dir.Path });
        Assert.DoesNotContain(report.Findings, f => f.Code is "TM401" or "TM400");
        Assert.Equal(LintSeverity.Error, Assert.Single(report.Findings, f => f.Code == "TM405").Severity);
        Assert.False(report.Ok);
        Assert.Equal(1, report.Files);
    }

    [Theory]
    [InlineData("""{ "rulez": {} }""", "unknown key 'rulez'")]
    [InlineData("""{ "rules": { "TM777": "off" } }""", "'rules.TM777' is not a lint rule code")]
    [InlineData("""{ "rules": { "TM103": "loud" } }""", "'rules.TM103' is \"loud\"")]
    [InlineData("""{ "postgresVersion": "fifteen" }""", "the value of 'postgresVersion' is not valid")]
    [InlineData("""{ "rules": [ }""", "tidemark.lint.json")]
    public async Task Bad_configuration_is_refused_naming_the_file_and_the_key(string json, string expected)
    {
        using var dir = new LintRuleTests.TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "0001_a.sql"), "SELECT 1;");
        File.WriteAllText(Path.Combine(dir.Path, "tidemark.lint.json"), json);
        var ex = await Assert.ThrowsAsync<TidemarkException>(() => Linter.LintAsync(new LintOptions { Directory = dir.Path }));
        Assert.Contains("tidemark.lint.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_sql_is_linted_with_the_same_rules()
    {
        var report = Linter.LintSql("ALTER TABLE public.users ALTER COLUMN age TYPE bigint;\nALTER TABLE public.users DROP COLUMN legacy;");
        Assert.Contains(report.Findings, f => f.Code == "TM112" && f.Hazard == HazardKind.TableRewrite);
        Assert.Contains(report.Findings, f => f.Code == "TM202" && f.Hazard == HazardKind.DataLoss);
    }

    private static IReadOnlyList<LintFinding> LintWith(string sql, LintOptions options)
    {
        using var dir = new LintRuleTests.TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "0001_setup.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);");
        File.WriteAllText(Path.Combine(dir.Path, "0002_change.sql"), sql);
        var report = Linter.LintAsync(options with { Directory = dir.Path, PostgresVersion = 15 }).GetAwaiter().GetResult();
        return [.. report.Findings.Where(f => f.File.EndsWith("0002_change.sql", StringComparison.Ordinal))];
    }
}
