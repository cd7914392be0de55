using System.Text.Json;
using Tidemark.Catalog;
using Tidemark.Diff;
using Tidemark.IntegrationTests.Diff;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.IntegrationTests.Runner;

namespace Tidemark.IntegrationTests.Cli;

/// <summary>diff --from/--to from any source, generate and push, against drizzle's own migrator and real databases.</summary>
public sealed class DesiredStateCommandTests : RunnerTestBase
{
    private static readonly string DrizzleFixture = Path.Combine(TestServer.RepoRoot, "tests", "fixtures", "drizzle-app", "migrations");

    [Fact]
    public async Task Diff_from_empty_to_a_drizzle_folder_applied_to_an_empty_database_equals_drizzles_own_result()
    {
        var diff = await CliProcess.RunAsync("diff", "--from", "empty", "--to", DrizzleFixture, "--url", Db, "--json");
        Assert.True(diff.ExitCode == 0, diff.All);
        using var doc = JsonDocument.Parse(diff.Stdout);
        foreach (var c in doc.RootElement.GetProperty("changes").EnumerateArray())
        {
            await TestServer.ExecAsync(Db, c.GetProperty("sql").GetString()!);
        }

        var byDrizzle = await TestServer.CreateDatabaseAsync("bydrizzle");
        var drizzle = await Node.RunAsync("drizzle-migrate.mjs", Node.Url(byDrizzle), DrizzleFixture);
        Assert.True(drizzle.ExitCode == 0, drizzle.All);
        var ours = Sorted(await CorpusDatabase.ReadAsync(Db));
        var theirs = Sorted(await CorpusDatabase.ReadAsync(byDrizzle));
        Assert.NotEmpty(ours.Tables);
        Assert.True(ours == theirs, ModelDifference.Describe(ours, theirs));
    }

    [Fact]
    public async Task Diff_from_a_folder_to_a_drifted_database_names_the_drifted_column()
    {
        Folder.Write("0001_init.sql", "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n");
        Folder.Write("0002_orders.sql", "CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users(id));\n");
        Assert.Equal(2, (await CreateMigrator().MigrateAsync()).Applied.Count);
        await TestServer.ExecAsync(Db, "ALTER TABLE users ADD COLUMN nickname text; ALTER TABLE orders ALTER COLUMN user_id SET NOT NULL;");

        var r = await CliProcess.RunAsync("diff", "--from", Folder.Path, "--to", Db);
        Assert.True(r.ExitCode == 0, r.All);
        Assert.Contains("ALTER TABLE public.users ADD COLUMN nickname text", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE public.orders ALTER COLUMN user_id SET NOT NULL", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("tidemark", r.Stdout.Replace("tidemark_shadow", "", StringComparison.Ordinal), StringComparison.Ordinal); // the history table is not schema
    }

    [Fact]
    [Trait("ManagedCli", "each-command")]
    public async Task Generate_toward_a_schema_file_with_one_more_table_then_migrate_equals_the_schema_files_database()
    {
        Folder.Write("0001_init.sql", "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n");
        var schema = Path.Combine(Folder.Path, "..", Path.GetFileName(Folder.Path) + "-schema.sql");
        var schemaSql = "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\nCREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, user_id int NOT NULL REFERENCES users(id) ON DELETE CASCADE, total numeric(12,2) CHECK (total >= 0));\nCREATE INDEX orders_user ON orders (user_id);\n";
        await File.WriteAllTextAsync(schema, schemaSql);
        try
        {
            var r = await CliProcess.RunAsync("generate", "add orders", "--dir", Folder.Path, "--to", schema, "--url", Db);
            Assert.True(r.ExitCode == 0, r.All);
            Assert.True(File.Exists(Path.Combine(Folder.Path, "0002_add_orders.sql")), r.All);

            var fresh = await TestServer.CreateDatabaseAsync("genfresh");
            var migrate = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", fresh);
            Assert.True(migrate.ExitCode == 0, migrate.All);
            var bySchema = await CorpusDatabase.CreateAsync("genschema", schemaSql);
            var a = Sorted(await CorpusDatabase.ReadAsync(fresh));
            var b = Sorted(await CorpusDatabase.ReadAsync(bySchema));
            Assert.True(a == b, ModelDifference.Describe(a, b));

            var again = await CliProcess.RunAsync("generate", "nothing", "--dir", Folder.Path, "--to", schema, "--url", Db);
            Assert.Contains("Nothing to generate", again.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(schema);
        }
    }

    [Fact]
    public async Task Generate_in_a_drizzle_folder_is_accepted_by_drizzles_own_migrator()
    {
        Folder.CopyFrom(DrizzleFixture);
        var schema = Folder.Path + "-schema.sql";
        var current = await TestServer.CreateDatabaseAsync("drzcur");
        Assert.Equal(0, (await Node.RunAsync("drizzle-migrate.mjs", Node.Url(current), DrizzleFixture)).ExitCode);
        var dump = await DumpAsync(current);
        await File.WriteAllTextAsync(schema, dump + "\nCREATE TABLE public.audit (id serial PRIMARY KEY, note text, at timestamptz DEFAULT now());\nALTER TYPE public.delivery_status ADD VALUE 'expired';\n");
        try
        {
            var r = await CliProcess.RunAsync("generate", "audit", "--dir", Folder.Path, "--to", schema, "--url", Db);
            Assert.True(r.ExitCode == 0, r.All);
            var sql = await File.ReadAllTextAsync(Path.Combine(Folder.Path, "0006_audit.sql"));
            Assert.Contains("--> statement-breakpoint", sql, StringComparison.Ordinal);
            using var journal = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder.Path, "meta", "_journal.json")));
            Assert.Equal("0006_audit", journal.RootElement.GetProperty("entries").EnumerateArray().Last().GetProperty("tag").GetString());

            var drizzle = await Node.RunAsync("drizzle-migrate.mjs", Node.Url(Db), Folder.Path);
            Assert.True(drizzle.ExitCode == 0, drizzle.All + "\n" + sql);
            Assert.True(await ExistsAsync("public.audit"));
            Assert.Equal(7, await CountAsync("SELECT count(*) FROM drizzle.__drizzle_migrations"));
        }
        finally
        {
            File.Delete(schema);
        }
    }

    [Fact]
    public async Task Generate_refuses_data_loss_unless_allowed_and_a_rename_hint_keeps_the_values()
    {
        Folder.Write("0001_init.sql", "CREATE TABLE users (id int PRIMARY KEY, name text, legacy text);\n");
        var schema = Folder.Path + "-schema.sql";
        await File.WriteAllTextAsync(schema, "CREATE TABLE users (\n  id int PRIMARY KEY,\n  full_name text -- tidemark:renamed-from name\n);\n");
        try
        {
            var refused = await CliProcess.RunAsync("generate", "tidy", "--dir", Folder.Path, "--to", schema, "--url", Db);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("legacy", refused.All, StringComparison.Ordinal);
            Assert.Contains("--allow-data-loss", refused.All, StringComparison.Ordinal);
            Assert.DoesNotContain("full_name", refused.All, StringComparison.Ordinal); // the rename is not a loss
            Assert.False(File.Exists(Path.Combine(Folder.Path, "0002_tidy.sql")));

            var r = await CliProcess.RunAsync("generate", "tidy", "--dir", Folder.Path, "--to", schema, "--url", Db, "--allow-data-loss");
            Assert.True(r.ExitCode == 0, r.All);
            var sql = await File.ReadAllTextAsync(Path.Combine(Folder.Path, "0002_tidy.sql"));
            Assert.Contains("-- hazard: TM200 DataLoss", sql, StringComparison.Ordinal);
            Assert.Contains("RENAME COLUMN name TO full_name", sql, StringComparison.Ordinal);

            // a database at version 1 with a row: migrating to version 2 keeps the renamed column's value
            using var first = new TempFolder();
            first.Write("0001_init.sql", await File.ReadAllTextAsync(Path.Combine(Folder.Path, "0001_init.sql")));
            Assert.Equal(0, (await CliProcess.RunAsync("migrate", "--dir", first.Path, "--url", Db)).ExitCode);
            await TestServer.ExecAsync(Db, "INSERT INTO users VALUES (1, 'Ada', 'x');");
            var migrate = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db);
            Assert.True(migrate.ExitCode == 0, migrate.All);
            Assert.Equal("Ada", await TestServer.ScalarAsync<string>(Db, "SELECT full_name FROM users"));
        }
        finally
        {
            File.Delete(schema);
        }
    }

    [Fact]
    [Trait("ManagedCli", "each-command")]
    public async Task Push_applies_the_difference_gates_data_loss_and_refuses_a_migrated_database_without_force()
    {
        var schema = Folder.Path + "-schema.sql";
        await TestServer.ExecAsync(Db, "CREATE TABLE notes (id int PRIMARY KEY, body text, old text); INSERT INTO notes VALUES (1, 'kept', 'gone');");
        await File.WriteAllTextAsync(schema, "CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL, tags text[] DEFAULT '{}');\n");
        try
        {
            var refused = await CliProcess.RunAsync("push", "--to", schema, "--url", Db);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("TM200", refused.All, StringComparison.Ordinal);
            Assert.Equal("gone", await TestServer.ScalarAsync<string>(Db, "SELECT old FROM notes"));

            var pushed = await CliProcess.RunAsync("push", "--to", schema, "--url", Db, "--allow-data-loss");
            Assert.True(pushed.ExitCode == 0, pushed.All);
            Assert.Equal("kept", await TestServer.ScalarAsync<string>(Db, "SELECT body FROM notes"));
            var after = await CorpusDatabase.ReadAsync(Db);
            var target = await CorpusDatabase.ReadAsync(await CorpusDatabase.CreateAsync("pushto", await File.ReadAllTextAsync(schema)));
            Assert.True(SchemaDiffer.Diff(after, target).IsEmpty, SchemaDiffer.Diff(after, target).ToSql());

            var migrated = await TestServer.CreateDatabaseAsync("pushmanaged");
            Folder.Write("0001_x.sql", "CREATE TABLE managed (id int);\n");
            Assert.Equal(0, (await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", migrated)).ExitCode);
            var managed = await CliProcess.RunAsync("push", "--to", schema, "--url", migrated, "--allow-data-loss");
            Assert.NotEqual(0, managed.ExitCode);
            Assert.Contains("managed by migrations", managed.All, StringComparison.Ordinal);
            Assert.True(await TestServer.ScalarAsync<bool>(migrated, "SELECT to_regclass('managed') IS NOT NULL"));
            var forced = await CliProcess.RunAsync("push", "--to", schema, "--url", migrated, "--allow-data-loss", "--force");
            Assert.True(forced.ExitCode == 0, forced.All);
            Assert.False(await TestServer.ScalarAsync<bool>(migrated, "SELECT to_regclass('managed') IS NOT NULL"));
        }
        finally
        {
            File.Delete(schema);
        }
    }

    [Fact]
    public async Task Diff_rejects_a_source_that_is_nothing_it_knows_naming_it()
    {
        var r = await CliProcess.RunAsync("diff", "--from", "empty", "--to", "no/such/folder");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("'no/such/folder' is not empty, an existing folder, an existing .sql file, or a database URL", r.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_and_diff_name_objects_the_model_does_not_compare()
    {
        await TestServer.ExecAsync(Db, "CREATE TYPE span AS RANGE (subtype = int4); CREATE TABLE t (id int); CREATE RULE no_delete AS ON DELETE TO t DO INSTEAD NOTHING;");
        var inspect = await CliProcess.RunAsync("inspect", "--url", Db);
        Assert.Contains("not compared: range types: 1 (public.span)", inspect.Stdout, StringComparison.Ordinal);
        Assert.Contains("not compared: rules: 1 (public.t.no_delete)", inspect.Stdout, StringComparison.Ordinal);
        var diff = await CliProcess.RunAsync("diff", "--from", "empty", "--to", Db);
        Assert.Contains("-- not compared in --to: range types: 1", diff.Stdout, StringComparison.Ordinal);
    }

    private static SchemaModel Sorted(SchemaModel m) =>
        m with { Tables = [.. m.Tables.Select(t => t with { Columns = [.. t.Columns.OrderBy(c => c.Name, StringComparer.Ordinal)] })] };

    private static async Task<string> DumpAsync(string db)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(db);
        var psi = new System.Diagnostics.ProcessStartInfo("pg_dump") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--schema-only", "--no-owner", "--no-privileges", "-N", "drizzle", "-h", b.Host!, "-p", b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", b.Username!, b.Database! })
        {
            psi.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(psi)!;
        var text = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, await p.StandardError.ReadToEndAsync());
        return text;
    }
}
