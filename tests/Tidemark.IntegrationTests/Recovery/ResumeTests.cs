using Tidemark.Execution;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.IntegrationTests.Runner;
using Tidemark.Recovery;

namespace Tidemark.IntegrationTests.Recovery;

/// <summary>Effect-verified resume of interrupted non-transactional migrations (issue 7, item 3).</summary>
public sealed class ResumeTests : RunnerTestBase
{
    private Task MarkInterruptedAsync(string version, int statementsDone) => TestServer.ExecAsync(Db,
        $"UPDATE tidemark.history SET status = 'partial', statements_done = {statementsDone} WHERE version = '{version}'");

    [Fact]
    public async Task Invalid_index_left_by_a_failed_concurrent_build_is_dropped_and_rebuilt()
    {
        Folder.Write("0001_t.sql", "CREATE TABLE t (a int, b int);\nINSERT INTO t SELECT g, g % 10 FROM generate_series(1, 100) g;\n");
        Folder.Write("0002_idx.sql",
            "CREATE INDEX CONCURRENTLY t_a_idx ON t (a);\n" +
            "CREATE UNIQUE INDEX CONCURRENTLY t_b_uq ON t (b);\n" +
            "CREATE TABLE after_it (id int);\n");
        var ex = await Assert.ThrowsAsync<MigrationFailedException>(() => CreateMigrator().MigrateAsync());
        Assert.Equal("23505", ex.Failure.SqlState);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM pg_index WHERE indexrelid = 't_b_uq'::regclass AND NOT indisvalid"));

        await TestServer.ExecAsync(Db, "DELETE FROM t WHERE a > 10");
        var result = await CreateMigrator().MigrateAsync();
        var applied = Assert.Single(result.Applied);
        Assert.True(applied.Resumed);
        var note = Assert.Single(applied.Notes);
        Assert.Contains("statement 2", note, StringComparison.Ordinal);
        Assert.Contains("t_b_uq was INVALID", note, StringComparison.Ordinal);
        Assert.Contains("DROP INDEX CONCURRENTLY", note, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_index WHERE indrelid = 't'::regclass AND NOT indisvalid"));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM pg_index WHERE indrelid = 't'::regclass"));
        Assert.True(await ExistsAsync("after_it"));
        Assert.Equal(3, await CountAsync("SELECT statements_done::bigint FROM tidemark.history WHERE version = '0002' AND status = 'applied'"));
    }

    [Fact]
    public async Task Statements_whose_effect_is_already_there_are_skipped_and_said_so()
    {
        Folder.Write("0001_t.sql", "CREATE TABLE t (a int, b int);\nCREATE TYPE mood AS ENUM ('sad');\n");
        Folder.Write("0002_idx.sql", "CREATE INDEX CONCURRENTLY t_a_idx ON t (a);\nCREATE INDEX CONCURRENTLY t_b_idx ON t (b);\n");
        Folder.Write("0003_enum.sql", "-- tidemark:no-transaction\nALTER TYPE mood ADD VALUE 'happy';\nALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy';\n");
        Folder.Write("0004_side.sql", "-- tidemark:no-transaction\nCREATE TABLE side (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text NOT NULL DEFAULT '', t_a int);\n");
        Folder.Write("0005_drop.sql", "DROP INDEX CONCURRENTLY t_a_idx;\n");
        await CreateMigrator().MigrateAsync();

        // As if each run had been killed after its last statement ran but before it was recorded.
        await MarkInterruptedAsync("0002", 1);
        await MarkInterruptedAsync("0003", 1);
        await MarkInterruptedAsync("0004", 0);
        await MarkInterruptedAsync("0005", 0);
        var result = await CreateMigrator().MigrateAsync();
        Assert.Equal(["0002", "0003", "0004", "0005"], result.Applied.Select(a => a.Version));
        var notes = result.Applied.ToDictionary(a => a.Version, a => Assert.Single(a.Notes));
        Assert.Contains("index t_b_idx already exists and is valid", notes["0002"], StringComparison.Ordinal);
        Assert.Contains("enum mood already has the value 'ok'; skipped", notes["0003"], StringComparison.Ordinal);
        Assert.Contains("table side already exists with exactly the columns this statement creates; skipped", notes["0004"], StringComparison.Ordinal);
        Assert.Contains("t_a_idx no longer exists", notes["0005"], StringComparison.Ordinal);

        Assert.Equal("sad,ok,happy", await TestServer.ScalarAsync<string>(Db, "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'mood'::regtype"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM pg_index WHERE indrelid = 't'::regclass"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM tidemark.history WHERE status <> 'applied'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tidemark_verify%'"));
    }

    [Fact]
    public async Task Existing_table_with_another_definition_is_refused_with_a_clear_message()
    {
        Folder.Write("0001_side.sql", "-- tidemark:no-transaction\nCREATE TABLE keep (id int);\nCREATE TABLE side (id int PRIMARY KEY, note text NOT NULL);\n");
        await CreateMigrator().MigrateAsync();
        await TestServer.ExecAsync(Db, "DROP TABLE side; CREATE TABLE side (id int PRIMARY KEY, note varchar(10));");
        await MarkInterruptedAsync("0001", 1);

        var ex = await Assert.ThrowsAsync<RecoveryRefusedException>(() => CreateMigrator().MigrateAsync());
        Assert.Contains("statement 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0001_side.sql", ex.Message, StringComparison.Ordinal);
        Assert.Contains("table side already exists", ex.Message, StringComparison.Ordinal);
        Assert.Contains("columns differ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tidemark resolve 0001 --applied", ex.NextStep, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync("SELECT statements_done::bigint FROM tidemark.history WHERE version = '0001' AND status = 'partial'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tidemark_verify%'"));

        var cli = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db);
        Assert.Equal(6, cli.ExitCode);
        Assert.Contains("cannot prove", cli.Stderr, StringComparison.Ordinal);
    }
}
