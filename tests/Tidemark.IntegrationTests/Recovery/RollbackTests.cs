using Tidemark.Execution;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.IntegrationTests.Runner;
using Tidemark.Recovery;

namespace Tidemark.IntegrationTests.Recovery;

/// <summary>Down migrations: round trip, dry run, refusals, non-transactional downs, errors (issue 7, item 1).</summary>
public sealed class RollbackTests : RunnerTestBase
{
    private static readonly (string Up, string Down)[] Steps =
    [
        ("CREATE TYPE mood AS ENUM ('sad', 'ok');\nCREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE, mood mood);\n",
         "DROP TABLE users;\nDROP TYPE mood;\n"),
        ("CREATE SCHEMA billing;\nCREATE TABLE billing.invoices (id serial PRIMARY KEY, user_id bigint REFERENCES users (id), total numeric(12,2) DEFAULT 0);\n",
         "DROP SCHEMA billing CASCADE;\n"),
        ("ALTER TABLE users ADD COLUMN name text;\nCREATE VIEW user_names AS SELECT id, name FROM users;\nCREATE FUNCTION add1(i int) RETURNS int LANGUAGE sql IMMUTABLE RETURN i + 1;\n",
         "DROP FUNCTION add1(int);\nDROP VIEW user_names;\nALTER TABLE users DROP COLUMN name;\n"),
        ("CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n",
         "DROP INDEX CONCURRENTLY users_name_idx;\n"),
        ("CREATE TABLE audit (at timestamptz DEFAULT now(), what text CHECK (what <> ''));\nCOMMENT ON TABLE audit IS 'who did what';\n",
         "DROP TABLE audit;\n"),
    ];

    private void WriteAll()
    {
        for (var i = 0; i < Steps.Length; i++)
        {
            Folder.Write($"{i + 1:0000}_step{i + 1}.sql", Steps[i].Up);
            Folder.Write($"{i + 1:0000}_step{i + 1}.down.sql", Steps[i].Down);
        }
    }

    [Fact]
    public async Task Apply_all_then_roll_back_to_each_k_gives_the_schema_after_k_and_to_zero_leaves_nothing()
    {
        var empty = await SchemaSnapshot.DumpAsync(Db);
        var emptyFingerprint = await SchemaSnapshot.FingerprintAsync(Db);
        Assert.Equal(0, await SchemaSnapshot.UserObjectCountAsync(Db));

        // The schema after each k, learned by applying one migration at a time.
        var after = new List<string> { empty };
        var fingerprints = new List<string> { emptyFingerprint };
        for (var k = 1; k <= Steps.Length; k++)
        {
            Folder.Write($"{k:0000}_step{k}.sql", Steps[k - 1].Up);
            Folder.Write($"{k:0000}_step{k}.down.sql", Steps[k - 1].Down);
            await CreateMigrator().MigrateAsync();
            after.Add(await SchemaSnapshot.DumpAsync(Db));
            fingerprints.Add(await SchemaSnapshot.FingerprintAsync(Db));
        }

        Assert.NotEqual(after[2], after[3]);
        Assert.Equal(Steps.Length + 1, fingerprints.Distinct().Count());
        for (var k = Steps.Length - 1; k >= 0; k--)
        {
            var result = await CreateMigrator().RollbackAsync(new RollbackRequest(ToVersion: k == 0 ? "0" : $"{k:0000}"));
            Assert.Equal(Steps.Length, result.Steps.Count + k);
            Assert.Equal(k == 0 ? null : $"{k:0000}", result.ToVersion);
            Assert.Equal(fingerprints[k], await SchemaSnapshot.FingerprintAsync(Db));
            Assert.Equal(after[k], await SchemaSnapshot.DumpAsync(Db));
            Assert.Equal(k, await HistoryCountAsync());

            // Back up to everything for the next k.
            await CreateMigrator().MigrateAsync();
            Assert.Equal(after[Steps.Length], await SchemaSnapshot.DumpAsync(Db));
        }

        var all = await CreateMigrator().RollbackAsync(new RollbackRequest(ToVersion: "0"));
        Assert.Equal(["0005", "0004", "0003", "0002", "0001"], all.Steps.Select(s => s.Version));
        Assert.False(all.Steps.Single(s => s.Version == "0004").Transactional);
        Assert.Equal(0, await SchemaSnapshot.UserObjectCountAsync(Db));
        Assert.Equal(empty, await SchemaSnapshot.DumpAsync(Db));
        Assert.Equal(emptyFingerprint, await SchemaSnapshot.FingerprintAsync(Db));
        Assert.Equal(0, await HistoryCountAsync());
        Assert.Equal(["tidemark"], await SchemasAsync());
        // 1 + 2 + 3 + 4 + 5 steps in the loop, then 5: one audit event per migration rolled back.
        Assert.Equal(20, await CountAsync("SELECT count(*) FROM tidemark.history_events WHERE kind = 'rollback'"));
    }

    private async Task<string[]> SchemasAsync()
    {
        var csv = await TestServer.ScalarAsync<string>(Db,
            "SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\\_%'");
        return csv.Split(',');
    }

    [Fact]
    public async Task Steps_undo_the_newest_n_and_write_an_audit_event_each()
    {
        WriteAll();
        await CreateMigrator().MigrateAsync();
        var result = await CreateMigrator().RollbackAsync(new RollbackRequest(Steps: 2));
        Assert.Equal(["0005", "0004"], result.Steps.Select(s => s.Version));
        Assert.Equal("0003", result.ToVersion);
        Assert.False(await ExistsAsync("audit"));
        Assert.False(await ExistsAsync("users_name_idx"));
        Assert.True(await ExistsAsync("user_names"));
        Assert.Equal(3, await HistoryCountAsync());
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM tidemark.history_events WHERE kind = 'rollback' AND version IN ('0004', '0005')"));
        Assert.Equal("0003", (await CreateMigrator().StatusAsync()).CurrentVersion);
    }

    [Fact]
    public async Task A_tenants_generated_down_undoes_its_migration_in_its_own_schema()
    {
        // No down files: the down is generated from the schemas before and after, replayed in a schema named as the tenant.
        Folder.Write("0001_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n");
        Folder.Write("0002_nickname.sql", "ALTER TABLE users ADD COLUMN nickname text;\nCREATE INDEX users_nickname_idx ON users (nickname);\n");
        await TestServer.ExecAsync(Db, "CREATE TABLE public.users (id int PRIMARY KEY, email text NOT NULL, nickname text);");
        var options = new MigratorOptions { TenantSchema = "tenant_a", HistoryTable = "history_tenant_a" };
        await CreateMigrator(options).MigrateAsync();

        var down = await CreateMigrator(options).GenerateDownAsync("0002", write: false);
        Assert.Contains("tenant_a.users", down.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("public.", down.Sql, StringComparison.Ordinal);

        var result = await CreateMigrator(options).RollbackAsync(new RollbackRequest(Steps: 1, AllowDataLoss: true));
        Assert.Equal("0001", result.ToVersion);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'tenant_a' AND column_name = 'nickname'"));
        Assert.False(await ExistsAsync("tenant_a.users_nickname_idx"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'users' AND column_name = 'nickname'"));
    }

    [Fact]
    public async Task Dry_run_changes_nothing_and_shows_the_plan()
    {
        WriteAll();
        await CreateMigrator().MigrateAsync();
        var before = await SchemaSnapshot.DumpAsync(Db);
        var history = await TestServer.ScalarAsync<string>(Db, "SELECT string_agg(id || version || checksum || status, ',' ORDER BY id) FROM tidemark.history");
        var events = await CountAsync("SELECT count(*) FROM tidemark.history_events");

        var plan = await CreateMigrator().RollbackAsync(new RollbackRequest(ToVersion: "0002", DryRun: true));
        Assert.True(plan.DryRun);
        Assert.Equal(["0005", "0004", "0003"], plan.Steps.Select(s => s.Version));
        Assert.Equal("0002", plan.ToVersion);
        Assert.EndsWith("0004_step4.down.sql", plan.Steps[1].DownPath, StringComparison.Ordinal);

        var cli = await CliProcess.RunAsync("rollback", "--to", "0002", "--dry-run", "--dir", Folder.Path, "--url", Db);
        Assert.True(cli.ExitCode == 0, cli.All);
        Assert.Contains("Would roll back 3 migrations, from version 0005 to 0002 (dry run, nothing changed)", cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("down 0004 step4", cli.Stdout, StringComparison.Ordinal);

        Assert.Equal(before, await SchemaSnapshot.DumpAsync(Db));
        Assert.Equal(history, await TestServer.ScalarAsync<string>(Db, "SELECT string_agg(id || version || checksum || status, ',' ORDER BY id) FROM tidemark.history"));
        Assert.Equal(events, await CountAsync("SELECT count(*) FROM tidemark.history_events"));
    }

    [Fact]
    public async Task Missing_down_file_is_refused_naming_the_migration_and_nothing_changes()
    {
        WriteAll();
        Folder.Delete("0004_step4.down.sql");
        await CreateMigrator().MigrateAsync();
        var before = await SchemaSnapshot.DumpAsync(Db);

        // Without a down file the down is generated in a shadow database; with no shadow possible it is refused.
        var noShadow = new MigratorOptions { Shadow = new Tidemark.Shadow.ShadowOptions { AllowTemporaryDatabase = false, AllowLocalCluster = false } };
        var ex = await Assert.ThrowsAsync<RecoveryRefusedException>(() => CreateMigrator(noShadow).RollbackAsync(new RollbackRequest(ToVersion: "0002")));
        Assert.Contains("0004 (step4)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0004_step4.sql", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no down migration", ex.Message, StringComparison.Ordinal);
        Assert.Contains(".down.sql", ex.NextStep, StringComparison.Ordinal);
        Assert.Equal(before, await SchemaSnapshot.DumpAsync(Db));
        Assert.Equal(5, await HistoryCountAsync());

        var cli = await CliProcess.RunAsync("rollback", "--steps", "3", "--dir", Folder.Path, "--url", Db, "--json", "--shadow-url", "postgres://nobody@127.0.0.1:1/none");
        Assert.Equal(6, cli.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(cli.Stdout);
        Assert.Equal("refused", doc.RootElement.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("0004 (step4)", doc.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        // Rolling back only what has downs works.
        var ok = await CreateMigrator(noShadow).RollbackAsync(new RollbackRequest(Steps: 1));
        Assert.Equal("0005", Assert.Single(ok.Steps).Version);
    }

    [Fact]
    public async Task Failing_down_is_rolled_back_mapped_to_its_line_and_recorded()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n");
        var downPath = Folder.Write("0001_a.down.sql", "DROP TABLE b;\n\nDROP TABLE nope;\nDROP TABLE a;\n");
        await CreateMigrator().MigrateAsync();

        var ex = await Assert.ThrowsAsync<MigrationFailedException>(() => CreateMigrator().RollbackAsync(new RollbackRequest(Steps: 1)));
        Assert.Equal(downPath, ex.Failure.Path);
        Assert.Equal(3, ex.Failure.Line);
        Assert.Equal(2, ex.Failure.StatementNumber);
        Assert.Equal("42P01", ex.Failure.SqlState);
        Assert.Contains("still applied", ex.Failure.DatabaseState, StringComparison.Ordinal);
        Assert.True(await ExistsAsync("b"));
        Assert.Equal(1, await HistoryCountAsync());
        Assert.NotNull((await CreateMigrator().StatusAsync()).LastFailure);
    }

    [Fact]
    public async Task Cli_rollback_json_reports_each_step()
    {
        WriteAll();
        Assert.Equal(0, (await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db)).ExitCode);
        var r = await CliProcess.RunAsync("rollback", "--to", "0003", "--dir", Folder.Path, "--url", Db, "--json");
        Assert.True(r.ExitCode == 0, r.All);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("ok").GetBoolean());
        Assert.Equal("0003", root.GetProperty("toVersion").GetString());
        Assert.Equal(["0005", "0004"], root.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("version").GetString()));
        Assert.Equal(3, await HistoryCountAsync());

        var usage = await CliProcess.RunAsync("rollback", "--dir", Folder.Path, "--url", Db);
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--steps", usage.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drizzle_folder_rollback_and_resolve_keep_drizzles_own_history_in_step()
    {
        Folder.Write("meta/_journal.json", """
            {"version":"7","dialect":"postgresql","entries":[
              {"idx":0,"version":"7","when":1700000000000,"tag":"0000_users","breakpoints":true},
              {"idx":1,"version":"7","when":1700000001000,"tag":"0001_posts","breakpoints":true}]}
            """);
        Folder.Write("0000_users.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
        Folder.Write("0000_users.down.sql", "DROP TABLE users;\n");
        Folder.Write("0001_posts.sql", "CREATE TABLE posts (id int PRIMARY KEY, user_id int REFERENCES users (id));\n");
        Folder.Write("0001_posts.down.sql", "DROP TABLE posts;\n");
        await CreateMigrator().MigrateAsync();
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM drizzle.__drizzle_migrations"));

        var result = await CreateMigrator().RollbackAsync(new RollbackRequest(Steps: 1));
        Assert.Equal("0001", Assert.Single(result.Steps).Version);
        Assert.False(await ExistsAsync("posts"));
        Assert.Equal(1700000000000, await TestServer.ScalarAsync<long>(Db, "SELECT max(created_at) FROM drizzle.__drizzle_migrations"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM drizzle.__drizzle_migrations"));

        await CreateMigrator().ResolveAsync("0001", applied: true);
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM drizzle.__drizzle_migrations"));
        await CreateMigrator().ResolveAsync("0000", applied: false);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM drizzle.__drizzle_migrations"));
        Assert.Equal(1700000001000, await TestServer.ScalarAsync<long>(Db, "SELECT max(created_at) FROM drizzle.__drizzle_migrations"));
    }
}
