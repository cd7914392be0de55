using Npgsql;
using Tidemark.Execution;
using Tidemark.IntegrationTests.Infrastructure;

namespace Tidemark.IntegrationTests.Runner;

public sealed class ApplyTests : RunnerTestBase
{
    [Fact]
    public async Task Applies_pending_then_second_run_is_a_fast_path_noop()
    {
        Folder.Write("0001_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n");
        Folder.Write("0002_posts.sql", "CREATE TABLE posts (id int PRIMARY KEY, user_id int REFERENCES users(id));\nCREATE INDEX posts_user_idx ON posts(user_id);\n");

        var first = await CreateMigrator().MigrateAsync();
        Assert.Equal(["0001", "0002"], first.Applied.Select(a => a.Version));
        Assert.Equal("0002", first.CurrentVersion);
        Assert.True(await ExistsAsync("posts_user_idx"));
        Assert.Equal(2, await HistoryCountAsync());
        Assert.Equal(2, await CountAsync("SELECT statements_done::bigint FROM tidemark.history WHERE version = '0002'"));

        var second = await CreateMigrator().MigrateAsync();
        Assert.True(second.NothingToDo);
        Assert.True(second.FastPath);
        Assert.Equal("0002", second.CurrentVersion);
        Assert.Equal(2, await HistoryCountAsync());
    }

    [Fact]
    public async Task Typo_on_line_7_names_file_line_and_caret_and_rolls_back_the_whole_migration()
    {
        Folder.Write("0001_base.sql", "CREATE TABLE base (id int PRIMARY KEY);\n");
        await CreateMigrator().MigrateAsync();
        var path = Folder.Write("0002_orders.sql",
            "-- orders\n" +
            "CREATE TABLE orders (\n" +
            "    id int PRIMARY KEY\n" +
            ");\n" +
            "\n" +
            "CREATE TABLE order_lines (id int PRIMARY KEY,\n" +
            "    qty INTEGR NOT NULL);\n");
        var historyBefore = await HistoryCountAsync();

        var ex = await Assert.ThrowsAsync<MigrationFailedException>(() => CreateMigrator().MigrateAsync());
        var f = ex.Failure;
        Assert.Equal(path, f.Path);
        Assert.Equal(7, f.Line);
        Assert.Equal(9, f.Column);
        Assert.Equal(2, f.StatementNumber);
        Assert.Equal(2, f.StatementCount);
        Assert.Equal("42704", f.SqlState);
        Assert.Contains("integr", f.ServerMessage, StringComparison.Ordinal);
        Assert.Contains($"{path}, line 7, column 9", ex.Message, StringComparison.Ordinal);
        Assert.Contains("7 |     qty INTEGR NOT NULL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("  |         ^", ex.Message, StringComparison.Ordinal);
        Assert.Contains("remains at version 0001", f.DatabaseState, StringComparison.Ordinal);
        Assert.Contains("line 7", ex.NextStep, StringComparison.Ordinal);

        Assert.False(await ExistsAsync("orders"));
        Assert.Equal(historyBefore, await HistoryCountAsync());

        Folder.Write("0002_orders.sql", File.ReadAllText(path).Replace("INTEGR", "integer", StringComparison.Ordinal));
        var fixedRun = await CreateMigrator().MigrateAsync();
        Assert.Equal(["0002"], fixedRun.Applied.Select(a => a.Version));
        Assert.True(await ExistsAsync("order_lines"));
    }

    [Fact]
    public async Task Error_inside_a_do_block_points_at_the_inner_statement_line()
    {
        Folder.Write("0001_do.sql",
            "DO $$\n" +
            "BEGIN\n" +
            "  PERFORM 1;\n" +
            "  INSERT INTO nowhere VALUES (1);\n" +
            "END $$;\n");
        var ex = await Assert.ThrowsAsync<MigrationFailedException>(() => CreateMigrator().MigrateAsync());
        Assert.Equal("42P01", ex.Failure.SqlState);
        Assert.Equal(4, ex.Failure.Line);
        Assert.Contains("PL/pgSQL", ex.Failure.Where, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_transactional_migration_records_each_statement_and_resumes_after_a_failure()
    {
        Folder.Write("0001_t.sql", "CREATE TABLE t (id int, v text);\n");
        Folder.Write("0002_idx.sql",
            "CREATE INDEX CONCURRENTLY t_id_idx ON t (id);\n" +
            "CREATE INDEX CONCURRENTLY t_v_idx ON t (nope);\n");
        var ex = await Assert.ThrowsAsync<MigrationFailedException>(() => CreateMigrator().MigrateAsync());
        Assert.Equal(2, ex.Failure.StatementNumber);
        Assert.Equal(2, ex.Failure.Line);
        Assert.Contains("statements 1–1 of 0002 are applied and recorded; the next run resumes at statement 2", ex.Failure.DatabaseState, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync("SELECT statements_done::bigint FROM tidemark.history WHERE version = '0002' AND status = 'partial'"));

        var status = await CreateMigrator().StatusAsync();
        Assert.Equal(MigrationStateKind.Partial, status.Migrations.Single(m => m.Version == "0002").State);

        Folder.Write("0002_idx.sql",
            "CREATE INDEX CONCURRENTLY t_id_idx ON t (id);\n" +
            "CREATE INDEX CONCURRENTLY t_v_idx ON t (v);\n");
        // The edited file of a partial migration is accepted: only unrun statements run again.
        var resumed = await CreateMigrator().MigrateAsync();
        var applied = Assert.Single(resumed.Applied);
        Assert.True(applied.Resumed);
        Assert.True(await ExistsAsync("t_v_idx"));
        Assert.Equal(2, await CountAsync("SELECT statements_done::bigint FROM tidemark.history WHERE version = '0002' AND status = 'applied'"));
    }

    [Fact]
    public async Task File_wrapped_in_begin_commit_runs_in_one_transaction_and_stray_commit_is_refused()
    {
        Folder.Write("0001_wrapped.sql", "BEGIN;\nCREATE TABLE w (id int);\nCOMMIT;\n");
        await CreateMigrator().MigrateAsync();
        Assert.True(await ExistsAsync("w"));

        Folder.Write("0002_stray.sql", "CREATE TABLE x (id int);\nCOMMIT;\nCREATE TABLE y (id int);\n");
        var ex = await Assert.ThrowsAsync<Sources.MigrationSourceException>(() => CreateMigrator().MigrateAsync());
        Assert.Contains("0002_stray.sql:2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tidemark:no-transaction", ex.NextStep, StringComparison.Ordinal);
        Assert.False(await ExistsAsync("x"));
    }

    [Fact]
    public async Task All_mode_applies_everything_in_one_transaction_or_nothing()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        Folder.Write("0002_b.sql", "CREATE TABLE b (id int);\nSELECT 1/0;\n");
        var options = new MigratorOptions { TransactionMode = TransactionMode.All };
        var ex = await Assert.ThrowsAsync<MigrationFailedException>(() => CreateMigrator(options).MigrateAsync());
        Assert.Contains("no migration of this run is applied", ex.Failure.DatabaseState, StringComparison.Ordinal);
        Assert.False(await ExistsAsync("a"));
        Assert.Equal(0, await HistoryCountAsync());
    }

    [Fact]
    public async Task A_migration_may_run_longer_than_the_connections_command_timeout()
    {
        // Npgsql's CommandTimeout (30 s by default, 1 s here) must not cut a long migration (an index build on a big table).
        Folder.Write("0001_slow.sql", "SELECT pg_sleep(1.5);\nCREATE TABLE slow (id int);\n");
        Folder.Write("0002_slow_cic.sql", "-- tidemark:no-transaction\nSELECT pg_sleep(1.5);\nCREATE INDEX CONCURRENTLY slow_id ON slow (id);\n");
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Db) { CommandTimeout = 1 }.ConnectionString);

        var result = await new Migrator(dataSource, new MigratorOptions { Directory = Folder.Path }).MigrateAsync();

        Assert.Equal(["0001", "0002"], result.Applied.Select(a => a.Version));
        Assert.True(await ExistsAsync("public.slow_id"));
    }

    [Fact]
    public async Task Status_is_read_only_and_creates_nothing()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        var status = await CreateMigrator().StatusAsync();
        Assert.False(status.HistoryExists);
        Assert.Equal(1, status.PendingCount);
        Assert.False(await TestServer.ScalarAsync<bool>(Db, "SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = 'tidemark')"));
    }

    [Fact]
    public async Task Works_for_a_role_without_create_on_the_database_once_the_schema_exists()
    {
        var role = "tm_app_" + Guid.NewGuid().ToString("N")[..8];
        var dbName = new Npgsql.NpgsqlConnectionStringBuilder(Db).Database;
        await TestServer.ExecAsync(Db, $"""
            CREATE ROLE {role} LOGIN;
            REVOKE CREATE ON DATABASE "{dbName}" FROM PUBLIC;
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            CREATE SCHEMA tidemark AUTHORIZATION {role};
            CREATE SCHEMA app AUTHORIZATION {role};
            """);
        Folder.Write("0001_a.sql", "CREATE TABLE app.a (id int);\n");
        var asRole = new Npgsql.NpgsqlConnectionStringBuilder(Db) { Username = role }.ConnectionString;
        await using var source = Npgsql.NpgsqlDataSource.Create(asRole);
        var result = await new Migrator(source, new MigratorOptions { Directory = Folder.Path }).MigrateAsync();
        Assert.Single(result.Applied);
        Assert.Equal(role, await TestServer.ScalarAsync<string>(Db, "SELECT applied_by FROM tidemark.history"));
    }
}

public sealed class GroupedCommitTests : RunnerTestBase
{
    [Fact]
    public async Task Failure_in_the_middle_of_a_run_keeps_the_migrations_before_it_and_reports_the_exact_state()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        Folder.Write("0002_b.sql", "CREATE TABLE b (id int);\nCREATE TABLE b (id int);\n");
        Folder.Write("0003_c.sql", "CREATE TABLE c (id int);\n");

        var ex = await Assert.ThrowsAsync<Tidemark.Execution.MigrationFailedException>(() => CreateMigrator().MigrateAsync());
        Assert.Equal("0002", ex.Failure.Version);
        Assert.Equal(2, ex.Failure.Line);
        Assert.Equal("42P07", ex.Failure.SqlState);
        Assert.Contains("remains at version 0001", ex.Failure.DatabaseState, StringComparison.Ordinal);
        Assert.True(await ExistsAsync("a"));
        Assert.False(await ExistsAsync("b"));
        Assert.False(await ExistsAsync("c"));
        Assert.Equal(1, await HistoryCountAsync());
    }

    [Fact]
    public async Task Enum_value_added_by_one_migration_and_used_by_the_next_applies_in_one_run()
    {
        // In one shared transaction PostgreSQL refuses this (55P04 unsafe use of new value);
        // the group falls back so each migration still gets the transaction it would have alone.
        Folder.Write("0001_enum.sql", "CREATE TYPE status AS ENUM ('new');\nCREATE TABLE jobs (id int, s status);\n");
        Folder.Write("0002_add_value.sql", "ALTER TYPE status ADD VALUE 'done';\n");
        Folder.Write("0003_use_value.sql", "INSERT INTO jobs VALUES (1, 'done');\n");
        Folder.Write("0004_more.sql", "CREATE TABLE after_it (id int);\n");

        var result = await CreateMigrator().MigrateAsync();
        Assert.Equal(["0001", "0002", "0003", "0004"], result.Applied.Select(a => a.Version));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM jobs WHERE s = 'done'"));
        Assert.Equal(4, await HistoryCountAsync());
    }
}
