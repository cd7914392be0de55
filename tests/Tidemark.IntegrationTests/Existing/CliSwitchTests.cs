using Tidemark.IntegrationTests.Infrastructure;

namespace Tidemark.IntegrationTests.Existing;

/// <summary>The two switches of issue 10 through the real CLI: --no-hand-made-history and --no-error-detail.</summary>
[Collection("Existing")]
public sealed class CliSwitchTests : ExistingTestBase
{
    [Fact]
    public async Task A_hand_made_history_is_imported_by_default_and_is_an_ordinary_table_with_no_hand_made_history()
    {
        Folder.Write("0001_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n");
        Folder.Write("0002_posts.sql", "CREATE TABLE posts (id int PRIMARY KEY, title text);\n");
        await SqlAsync("""
            CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);
            CREATE TABLE migrations_applied (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO migrations_applied (name) VALUES ('0001_users.sql');
            """);

        var off = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db, "--no-hand-made-history");
        Assert.True(off.ExitCode == 3, off.All);
        Assert.Contains("migrations_applied", off.All, StringComparison.Ordinal);
        Assert.False(await ExistsAsync("public.posts"));

        var on = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db);
        Assert.True(on.ExitCode == 0, on.All);
        Assert.Contains("public.migrations_applied", on.Stdout, StringComparison.Ordinal);
        Assert.True(await ExistsAsync("public.posts"));
        Assert.Equal(2, await HistoryCountAsync());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM migrations_applied"));
    }

    [Fact]
    public async Task PostgreSQLs_error_detail_is_shown_unless_no_error_detail_is_given()
    {
        Folder.Write("0001_t.sql", "CREATE TABLE t (a int, b int);\nCREATE VIEW v AS SELECT a FROM t;\n");
        Folder.Write("0002_drop_a.sql", "ALTER TABLE t DROP COLUMN a;\n");

        var shown = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db);
        Assert.Equal(1, shown.ExitCode);
        Assert.Contains("2BP01", shown.Stderr, StringComparison.Ordinal);
        Assert.Contains("view v depends on column a of table t", shown.Stderr, StringComparison.Ordinal);

        var hidden = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db, "--no-error-detail");
        Assert.Equal(1, hidden.ExitCode);
        Assert.Contains("2BP01", hidden.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("view v depends on column a", hidden.All, StringComparison.Ordinal);
    }
}
