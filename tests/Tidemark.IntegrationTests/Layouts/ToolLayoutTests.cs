using Tidemark.IntegrationTests.Runner;
using Tidemark.Recovery;
using Tidemark.Sources;

namespace Tidemark.IntegrationTests.Layouts;

/// <summary>
/// Other tools' folders (tests/fixtures/layouts) migrate and roll back as they are, and a database one of
/// those tools migrated has its history imported: the migrations that tool applied are recorded, not re-run.
/// </summary>
public sealed class ToolLayoutTests : RunnerTestBase
{
    public static string Layout(string name) => Path.Combine(TestServer.RepoRoot, "tests", "fixtures", "layouts", name);

    /// <summary>The tool's own history table, created and filled as the tool does after applying the first migrations.</summary>
    public static TheoryData<string, string, int, string> Imports => new()
    {
        {
            "diesel",
            "CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);" +
            "INSERT INTO __diesel_schema_migrations (version) VALUES ('00000000000000'), ('20240301101500');",
            2, "SELECT count(*) FROM __diesel_schema_migrations"
        },
        {
            "golang-migrate",
            "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL); INSERT INTO schema_migrations VALUES (2, false);",
            2, "SELECT count(*) FROM schema_migrations"
        },
        {
            "dbmate",
            "CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY); INSERT INTO schema_migrations VALUES ('20240105090000'), ('20240106100000');",
            2, "SELECT count(*) FROM schema_migrations"
        },
        {
            "goose",
            "CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp NULL DEFAULT now(), PRIMARY KEY (id));" +
            "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (2, true);",
            2, "SELECT count(*) FROM goose_db_version"
        },
        {
            "sqlx",
            "CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, installed_on TIMESTAMPTZ NOT NULL DEFAULT now(), success BOOLEAN NOT NULL, checksum BYTEA NOT NULL, execution_time BIGINT NOT NULL);" +
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (20200718111257, 'todos', true, '\\x00', 1), (20200801093000, 'todo due date', true, '\\x00', 1);",
            2, "SELECT count(*) FROM _sqlx_migrations"
        },
        {
            "prisma/migrations",
            "CREATE TABLE \"_prisma_migrations\" (\"id\" VARCHAR(36) PRIMARY KEY NOT NULL, \"checksum\" VARCHAR(64) NOT NULL, \"finished_at\" TIMESTAMPTZ, \"migration_name\" VARCHAR(255) NOT NULL, " +
            "\"logs\" TEXT, \"rolled_back_at\" TIMESTAMPTZ, \"started_at\" TIMESTAMPTZ NOT NULL DEFAULT now(), \"applied_steps_count\" INTEGER NOT NULL DEFAULT 0);" +
            "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ('a', 'x', now(), '0_init', 1);",
            1, "SELECT count(*) FROM _prisma_migrations"
        },
        {
            "supabase/supabase",
            "CREATE SCHEMA supabase_migrations; CREATE TABLE supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY, statements text[], name text);" +
            "INSERT INTO supabase_migrations.schema_migrations (version, name) VALUES ('20230712094349', 'init');",
            1, "SELECT count(*) FROM supabase_migrations.schema_migrations"
        },
    };

    [Theory]
    [InlineData("diesel", 4, "books")]
    [InlineData("golang-migrate", 3, "movies")]
    [InlineData("sqlx-reversible", 2, "sessions")]
    [InlineData("dbmate", 3, "posts")]
    [InlineData("goose", 3, "post")]
    [InlineData("sqlx", 3, "todos")]
    [InlineData("prisma/migrations", 2, "\"Profile\"")]
    [InlineData("supabase/supabase", 2, "profiles")]
    public async Task A_tools_folder_migrates_a_fresh_database_unedited(string folder, int count, string lastTable)
    {
        var result = await CreateMigrator(new MigratorOptions { Directory = Layout(folder) }).MigrateAsync();

        Assert.Equal(count, result.Applied.Count);
        Assert.True(await ExistsAsync(lastTable));
        Assert.Equal(count, await HistoryCountAsync());
        if (folder == "diesel")
        {
            // diesel creates its table before any migration and real folders rely on it (Lemmy puts a trigger on it).
            Assert.Equal(0, await CountAsync("SELECT count(*) FROM __diesel_schema_migrations"));
        }
    }

    [Theory]
    [InlineData("diesel")]
    [InlineData("golang-migrate")]
    [InlineData("sqlx-reversible")]
    [InlineData("dbmate")]
    [InlineData("goose")]
    public async Task Down_files_and_sections_roll_everything_back(string folder)
    {
        var migrator = CreateMigrator(new MigratorOptions { Directory = Layout(folder) });
        await migrator.MigrateAsync();

        var rollback = await migrator.RollbackAsync(new RollbackRequest(ToVersion: "0"));

        Assert.NotEmpty(rollback.Steps);
        // Everything but diesel's own history table (created, like diesel does, before the first migration).
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname NOT LIKE '\\_\\_diesel\\_schema\\_migrations%'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'"));
        Assert.Equal(0, await HistoryCountAsync());
    }

    [Fact]
    public async Task In_a_drizzle_folder_drizzle_kits_unfilled_custom_template_is_applied_with_a_warning_and_tidemark_news_is_refused()
    {
        // drizzle-kit's own output (generate, generate, generate --custom committed as generated): drizzle's migrator applies it.
        Folder.CopyFrom(Path.Combine(TestServer.RepoRoot, "tests", "Tidemark.Tests", "Sources", "Fixtures", "v0.31-journal"));

        var result = await CreateMigrator().MigrateAsync();

        Assert.Equal(["0000", "0001", "0002"], result.Applied.Select(a => a.Version));
        Assert.Equal(0, result.Applied[2].Statements);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("0002_seed_data.sql: migration 0002 (seed_data) has no SQL statement", warning, StringComparison.Ordinal);
        Assert.Contains("put it in a new migration", warning, StringComparison.Ordinal);
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM drizzle.__drizzle_migrations"));

        // The template `tidemark new` makes in the same folder is one nobody wrote yet: refused, nothing recorded.
        var made = await MigrationScaffolder.CreateAsync(Folder.Path, "add orders");
        var refused = await Assert.ThrowsAsync<MigrationSourceException>(() => CreateMigrator().MigrateAsync());
        Assert.Contains(Path.GetFileName(made), refused.Message, StringComparison.Ordinal);
        Assert.Contains("is empty", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, await HistoryCountAsync());

        // So is any other comment-only file: only drizzle-kit's template, exactly as generated, is taken as drizzle takes it.
        await File.WriteAllTextAsync(made, "-- Custom SQL migration file, put your code below! --\n-- TODO: the orders table\n");
        refused = await Assert.ThrowsAsync<MigrationSourceException>(() => CreateMigrator().MigrateAsync());
        Assert.Contains("is empty", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, await HistoryCountAsync());
    }

    [Theory]
    [InlineData("goose", "00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n", "00002_empty.sql", "-- +goose Up\n")]
    [InlineData("golang-migrate", "000001_a.up.sql", "CREATE TABLE a (id int);\n", "000002_just_a_comment.up.sql", "-- a migration that only explains something\n")]
    [InlineData("plain", "0001_a.sql", "CREATE TABLE a (id int);\n", "0002_empty.sql", "-- TODO\n")]
    public async Task An_empty_migration_is_recorded_as_its_tool_does_and_refused_in_tidemarks_own_layouts(string layout, string first, string firstSql, string empty, string emptySql)
    {
        // goose's and golang-migrate's own example folders hold such migrations; both tools record them as applied.
        Folder.Write(first, firstSql);
        Folder.Write(empty, emptySql);
        var migrator = CreateMigrator();
        if (layout == "plain")
        {
            var refused = await Assert.ThrowsAsync<MigrationSourceException>(() => migrator.MigrateAsync());
            Assert.Contains("is empty", refused.Message, StringComparison.Ordinal);
            Assert.Equal(0, await HistoryCountAsync());
            return;
        }

        var result = await migrator.MigrateAsync();
        Assert.Equal(2, result.Applied.Count);
        Assert.Equal(0, result.Applied[1].Statements);
        Assert.Equal(2, await HistoryCountAsync());
        Assert.Empty((await CreateMigrator().MigrateAsync()).Applied);
    }

    [Theory]
    [MemberData(nameof(Imports))]
    public async Task The_tools_history_is_imported_and_only_the_rest_applied(string folder, string toolHistory, int applied, string toolRows)
    {
        // The tool applied the first migrations and recorded them in its own table.
        var set = await MigrationSources.FromDirectory(Layout(folder)).LoadAsync(CancellationToken.None);
        foreach (var m in set.Versioned.Take(applied))
        {
            await TestServer.ExecAsync(Db, m.Sql);
        }

        await TestServer.ExecAsync(Db, toolHistory);
        var rowsBefore = await CountAsync(toolRows);

        var result = await CreateMigrator(new MigratorOptions { Directory = Layout(folder) }).MigrateAsync();

        Assert.Equal(set.Versioned.Take(applied).Select(m => m.Version), result.Imported.Select(i => i.Version));
        Assert.Equal(set.Versioned.Skip(applied).Select(m => m.Version), result.Applied.Select(a => a.Version));
        Assert.Empty(result.Adopted);
        Assert.Equal(set.Versioned.Count, await HistoryCountAsync());
        Assert.Equal(rowsBefore, await CountAsync(toolRows)); // the tool's table is left alone
    }
}
