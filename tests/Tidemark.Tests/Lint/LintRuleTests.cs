using Tidemark.Lint;

namespace Tidemark.Tests.Lint;

/// <summary>Every rule fires on a statement that has its hazard and stays quiet on the safe form.</summary>
public sealed class LintRuleTests
{
    // An earlier migration creates the tables, so the statements under test act on existing tables.
    private const string Setup = """
        CREATE TABLE users (id bigint PRIMARY KEY, email text, name varchar(20), age integer, price numeric(10,2), addr cidr);
        CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total numeric);
        CREATE TABLE events (id bigint, at timestamptz) PARTITION BY RANGE (at);
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE INDEX users_email ON users (email);
        CREATE TYPE mood AS ENUM ('sad', 'ok');
        CREATE DOMAIN posint AS integer;
        CREATE MATERIALIZED VIEW user_stats AS SELECT count(*) AS n FROM users;
        """;

    public static TheoryData<string, string, string> Cases => new()
    {
        { "TM103", "CREATE INDEX orders_user ON orders (user_id);", "-- tidemark:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user ON orders (user_id);" },
        { "TM104", "DROP INDEX users_email;", "-- tidemark:no-transaction\nDROP INDEX CONCURRENTLY IF EXISTS users_email;" },
        { "TM105", "REINDEX INDEX users_email;", "-- tidemark:no-transaction\nREINDEX INDEX CONCURRENTLY users_email;" },
        { "TM106", "ALTER TABLE events DETACH PARTITION events_2024;", "-- tidemark:no-transaction\nALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;" },
        { "TM107", "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);", "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;" },
        { "TM108", "ALTER TABLE orders ADD CONSTRAINT total_pos CHECK (total > 0);", "ALTER TABLE orders ADD CONSTRAINT total_pos CHECK (total > 0) NOT VALID;" },
        { "TM109", "ALTER TABLE users ALTER COLUMN email SET NOT NULL;", "ALTER TABLE users ALTER COLUMN email DROP DEFAULT;" },
        { "TM110", "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);", "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email;" },
        { "TM111", "ALTER TABLE orders DROP CONSTRAINT orders_pkey, ADD PRIMARY KEY (id, user_id);", "ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_id_user_idx;" },
        { "TM112", "ALTER TABLE users ALTER COLUMN age TYPE bigint;", "ALTER TABLE users ALTER COLUMN name TYPE varchar(40);" },
        { "TM113", "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();", "ALTER TABLE users ADD COLUMN active boolean DEFAULT true NOT NULL;" },
        { "TM114", "ALTER TABLE users ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED;", "ALTER TABLE users ADD COLUMN email_lower text;" },
        { "TM115", "-- tidemark:no-transaction\nVACUUM FULL users;", "-- tidemark:no-transaction\nVACUUM users;" },
        { "TM116", "ALTER TABLE orders ADD CONSTRAINT total_pos CHECK (total > 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT total_pos;", "ALTER TABLE orders VALIDATE CONSTRAINT total_pos;" },
        { "TM117", "ALTER TABLE orders ADD CONSTRAINT no_overlap EXCLUDE USING gist (user_id WITH =);", "ALTER TABLE orders ADD COLUMN note text;" },
        { "TM118", "ALTER TABLE users SET UNLOGGED;", "ALTER TABLE users SET (fillfactor = 90);" },
        { "TM119", "REFRESH MATERIALIZED VIEW user_stats;", "-- tidemark:no-transaction\nREFRESH MATERIALIZED VIEW CONCURRENTLY user_stats;" },
        { "TM120", "ALTER DOMAIN posint ADD CONSTRAINT posint_check CHECK (VALUE > 0);", "CREATE DOMAIN label AS text;" },
        { "TM202", "ALTER TABLE users DROP COLUMN age;", "ALTER TABLE users ADD COLUMN nickname text;" },
        { "TM203", "DROP TABLE orders;", "CREATE TABLE tmp (id bigint PRIMARY KEY);\nDROP TABLE tmp;" },
        { "TM204", "DROP DATABASE app;", "DROP SCHEMA IF EXISTS scratch;" },
        { "TM205", "TRUNCATE users CASCADE;", "TRUNCATE orders;" },
        { "TM206", "ALTER TABLE users RENAME COLUMN email TO mail;", "ALTER TABLE users RENAME CONSTRAINT users_pkey TO users_pk;" },
        { "TM207", "ALTER TABLE users RENAME TO accounts;", "CREATE TABLE t1 (id bigint PRIMARY KEY);\nALTER TABLE t1 RENAME TO t2;" },
        { "TM208", "ALTER TABLE orders ALTER COLUMN total DROP NOT NULL;", "ALTER TABLE orders ALTER COLUMN total SET DEFAULT 0;" },
        { "TM209", "ALTER TABLE users ADD COLUMN tenant bigint NOT NULL;", "ALTER TABLE users ADD COLUMN tenant bigint NOT NULL DEFAULT 0;" },
        { "TM300", "-- tidemark:no-transaction\nBEGIN;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user ON orders (user_id);\nCOMMIT;", "-- tidemark:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user ON orders (user_id);" },
        { "TM301", "-- tidemark:no-transaction\nBEGIN;\nALTER TABLE users ADD COLUMN x text;", "-- tidemark:no-transaction\nBEGIN;\nALTER TABLE users ADD COLUMN x text;\nCOMMIT;" },
        { "TM302", "-- tidemark:no-transaction\nBEGIN;\nBEGIN;\nSELECT 1;\nCOMMIT;", "BEGIN;\nSELECT 1;\nCOMMIT;" },
        { "TM303", "-- tidemark:no-transaction\nALTER TABLE users ADD COLUMN x text;", "-- tidemark:no-transaction\nSET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN x text;" },
        { "TM304", "ALTER TABLE users ALTER COLUMN age TYPE bigint;", "SET statement_timeout = '5min';\nALTER TABLE users ALTER COLUMN age TYPE bigint;" },
        { "TM305", "-- tidemark:no-transaction\nCREATE INDEX CONCURRENTLY orders_user ON orders (user_id);", "-- tidemark:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user ON orders (user_id);" },
        { "TM400", "CREATE TABLE codes (code char(3));", "CREATE TABLE codes (code text);" },
        { "TM401", "CREATE TABLE tags (label varchar(50));", "CREATE TABLE tags (label varchar);" },
        { "TM402", "CREATE TABLE items (id integer PRIMARY KEY);", "CREATE TABLE items (id bigint PRIMARY KEY, qty integer);" },
        { "TM403", "CREATE TABLE kinds (id smallint PRIMARY KEY);", "CREATE TABLE kinds (id bigint PRIMARY KEY, rank smallint);" },
        { "TM404", "CREATE TABLE items (id bigserial PRIMARY KEY);", "CREATE TABLE items (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);" },
        { "TM405", "CREATE TABLE logs (at timestamp);", "CREATE TABLE logs (at timestamptz);" },
        { "TM406", "CREATE TABLE a_table_name_that_is_far_too_long_to_be_kept_by_postgresql_as_written (id bigint);", "CREATE TABLE short_name (id bigint);" },
        { "TM407", "ALTER TYPE mood ADD VALUE 'happy';", "ALTER TYPE mood ADD VALUE 'happy' AFTER 'ok';" },
        { "TM408", "CREATE DOMAIN percent AS integer CHECK (VALUE BETWEEN 0 AND 100);", "CREATE DOMAIN percent AS integer;" },
        { "TM409", "UPDATE users SET email = 'a', email = 'b';", "UPDATE users SET email = 'a', name = 'b';" },
        { "TM410", "CREATE TABLE docs (body json);", "CREATE TABLE docs (body jsonb);" },
        { "TM499", "-- tidemark:lint-ignore TM103 reviewed\nALTER TABLE users ADD COLUMN x text;", "-- tidemark:lint-ignore TM103 reviewed: small table\nCREATE INDEX orders_user ON orders (user_id);" },
    };

    [Fact]
    public void Every_rule_has_a_firing_and_a_non_firing_case()
    {
        var covered = Cases.Select(row => (string)row[0]).ToHashSet();
        var missing = Linter.Rules.Select(r => r.Code).Where(c => !covered.Contains(c)).ToList();
        Assert.True(missing.Count == 0, "rules without cases: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_rule_has_a_docs_page_naming_its_code_name_and_severity()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Tidemark.slnx")))
        {
            dir = Path.GetDirectoryName(dir)!;
        }

        foreach (var rule in Linter.Rules)
        {
            var page = Path.Combine(dir, rule.DocPath);
            Assert.True(File.Exists(page), page);
            var text = File.ReadAllText(page);
            Assert.StartsWith($"# {rule.Code} {rule.Name}\n", text, StringComparison.Ordinal);
            Assert.Contains($"Severity: {rule.DefaultSeverity.ToString().ToLowerInvariant()}", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_fires_on_the_hazard_and_not_on_the_safe_form(string code, string firing, string quiet)
    {
        var fired = Lint(firing);
        Assert.True(fired.Any(f => f.Code == code), $"{code} did not fire on:\n{firing}\nfound: {string.Join(", ", fired.Select(f => f.Code))}");
        var silent = Lint(quiet);
        Assert.False(silent.Any(f => f.Code == code), $"{code} fired on the safe form:\n{quiet}\n{string.Join("\n", silent.Select(f => f.Message))}");
    }

    /// <summary>Lints <paramref name="sql"/> as the second migration of a folder whose first creates the tables.</summary>
    internal static IReadOnlyList<LintFinding> Lint(string sql, int postgresVersion = 15)
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "0001_setup.sql"), Setup);
        File.WriteAllText(Path.Combine(dir.Path, "0002_change.sql"), sql);
        var report = Linter.LintAsync(new LintOptions { Directory = dir.Path, PostgresVersion = postgresVersion }).GetAwaiter().GetResult();
        return [.. report.Findings.Where(f => f.File.EndsWith("0002_change.sql", StringComparison.Ordinal))];
    }

    internal sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("tidemark-lint-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
