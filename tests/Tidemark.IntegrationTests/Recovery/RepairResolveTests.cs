using Tidemark.Execution;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.IntegrationTests.Runner;
using Tidemark.Planning;

namespace Tidemark.IntegrationTests.Recovery;

/// <summary><c>repair</c> and <c>resolve</c> change only what they say and leave an audit entry (issue 7, item 4).</summary>
public sealed class RepairResolveTests : RunnerTestBase
{
    private Task<string> RowsAsync(string where = "true") => TestServer.ScalarAsync<string>(Db,
        $"SELECT coalesce(string_agg(concat_ws('|', id, version, name, kind, checksum, status, applied_at, statements_total, statements_done), E'\\n' ORDER BY id), '') FROM tidemark.history WHERE {where}");

    [Fact]
    public async Task Repair_lists_then_accepts_only_edited_checksums_and_clears_failures_leaving_partial_rows()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        Folder.Write("0002_b.sql", "CREATE TABLE b (id int);\n");
        Folder.Write("0003_idx.sql", "CREATE INDEX CONCURRENTLY b_idx ON b (nope);\n");
        await Assert.ThrowsAsync<MigrationFailedException>(() => CreateMigrator().MigrateAsync());
        var edited = Folder.Write("0001_a.sql", "-- reviewed: same effect\nCREATE TABLE a (id int);\n");
        var others = await RowsAsync("version <> '0001'");
        var checksumBefore = await TestServer.ScalarAsync<string>(Db, "SELECT checksum FROM tidemark.history WHERE version = '0001'");
        Assert.Contains((await CreateMigrator().StatusAsync()).Problems, p => p.Kind == ProblemKind.ChecksumChanged);

        var preview = await CreateMigrator().RepairAsync(dryRun: true);
        var listed = Assert.Single(preview.Checksums);
        Assert.Equal(("0001", edited, checksumBefore), (listed.Version, listed.Path, listed.OldChecksum));
        Assert.Single(preview.ClearedFailures);
        Assert.Equal(checksumBefore, await TestServer.ScalarAsync<string>(Db, "SELECT checksum FROM tidemark.history WHERE version = '0001'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM tidemark.history_events WHERE kind = 'repair'"));

        var cli = await CliProcess.RunAsync("repair", "--dir", Folder.Path, "--url", Db);
        Assert.True(cli.ExitCode == 0, cli.All);
        Assert.Contains($"accepted edited {edited} (0001 a)", cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("cleared failure of 0003", cli.Stdout, StringComparison.Ordinal);

        Assert.Equal(listed.NewChecksum, await TestServer.ScalarAsync<string>(Db, "SELECT checksum FROM tidemark.history WHERE version = '0001'"));
        Assert.Equal(others, await RowsAsync("version <> '0001'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tidemark.history WHERE version = '0003' AND status = 'partial'"));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM tidemark.history_events WHERE kind = 'repair' AND by_user = current_user"));
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM tidemark.history_events WHERE kind = 'repair' AND version = '0001' AND message LIKE '%{checksumBefore} -> {listed.NewChecksum}%'"));

        var status = await CreateMigrator().StatusAsync();
        Assert.Empty(status.Problems);
        Assert.Null(status.LastFailure);
        Assert.Equal(2, status.Events.Count(e => e.Kind == "repair"));
        Assert.Equal(MigrationStateKind.Partial, status.Migrations.Single(m => m.Version == "0003").State);
        Assert.True((await CreateMigrator().RepairAsync()).NothingToDo);
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM tidemark.history_events WHERE kind = 'repair'"));
    }

    [Fact]
    public async Task Resolve_applied_records_without_running_and_rolled_back_removes_only_the_row()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        Folder.Write("0002_b.sql", "CREATE TABLE b (id int);\nCREATE TABLE b2 (id int);\n");
        Folder.Write("0003_c.sql", "CREATE TABLE c (id int);\n");
        await CreateMigrator(new MigratorOptions { Directory = Folder.Path }).MigrateAsync();
        Folder.Write("0004_d.sql", "CREATE TABLE d (id int);\n");
        var before = await RowsAsync();

        var r = await CreateMigrator().ResolveAsync("0004", applied: true);
        Assert.Contains("marked 0004 (d) applied without running it", r.Message, StringComparison.Ordinal);
        Assert.False(await ExistsAsync("d"));
        Assert.Equal(before, await RowsAsync("version <> '0004'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tidemark.history WHERE version = '0004' AND status = 'applied' AND statements_done = 1"));
        Assert.True((await CreateMigrator().MigrateAsync()).NothingToDo);
        Assert.False(await ExistsAsync("d"));

        var keep = await RowsAsync("version <> '0002'");
        var cli = await CliProcess.RunAsync("resolve", "0002", "--rolled-back", "--dir", Folder.Path, "--url", Db, "--json");
        Assert.True(cli.ExitCode == 0, cli.All);
        Assert.Contains("\"resolution\": \"rolled-back\"", cli.Stdout, StringComparison.Ordinal);
        Assert.True(await ExistsAsync("b"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM tidemark.history WHERE version = '0002'"));
        Assert.Equal(keep, await RowsAsync("version <> '0002'"));

        var events = await TestServer.ScalarAsync<string>(Db,
            "SELECT string_agg(kind || ' ' || version || ' ' || (by_user = current_user)::text, ',' ORDER BY id) FROM tidemark.history_events");
        Assert.Equal("resolve 0004 true,resolve 0002 true", events);
        var status = await CreateMigrator().StatusAsync();
        Assert.Contains(status.Events, e => e.Kind == "resolve" && e.Version == "0002" && e.Message.Contains("removed the history row", StringComparison.Ordinal));

        var both = await CliProcess.RunAsync("resolve", "0002", "--applied", "--rolled-back", "--dir", Folder.Path, "--url", Db);
        Assert.Equal(2, both.ExitCode);
        var none = await CliProcess.RunAsync("resolve", "0002", "--rolled-back", "--dir", Folder.Path, "--url", Db);
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("0002 has no history row", none.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_applied_finishes_a_partial_row_and_is_shown_by_status()
    {
        Folder.Write("0001_t.sql", "CREATE TABLE t (a int);\n");
        Folder.Write("0002_idx.sql", "CREATE INDEX CONCURRENTLY t_a_idx ON t (a);\nCREATE INDEX CONCURRENTLY t_b_idx ON t (nope);\n");
        await Assert.ThrowsAsync<MigrationFailedException>(() => CreateMigrator().MigrateAsync());
        await TestServer.ExecAsync(Db, "CREATE INDEX t_b_idx ON t (a)");

        var r = await CreateMigrator().ResolveAsync("0002", applied: true);
        Assert.Contains("was partial: 1 of 2 statements done", r.Message, StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync("SELECT statements_done::bigint FROM tidemark.history WHERE version = '0002' AND status = 'applied'"));
        var status = await CreateMigrator().StatusAsync();
        Assert.True(status.IsUpToDate);
        Assert.Contains(status.Events, e => e.Kind == "resolve" && e.Version == "0002");

        var text = await CliProcess.RunAsync("status", "--dir", Folder.Path, "--url", Db);
        Assert.Contains("Recent events (audit trail, newest first; UTC):", text.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  resolve .*0002", text.Stdout);
    }
}
