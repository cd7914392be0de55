using System.Text.Json;
using Tidemark.IntegrationTests.Infrastructure;

namespace Tidemark.IntegrationTests.Runner;

public sealed class NewCommandTests : RunnerTestBase
{
    [Fact]
    public async Task New_in_a_drizzle_journal_folder_keeps_it_valid_for_drizzles_own_migrator()
    {
        Folder.CopyFrom(Path.Combine(TestServer.RepoRoot, "samples", "quickstart"));
        var r = await CliProcess.RunAsync("new", "Add orders", "--dir", Folder.Path);
        Assert.True(r.ExitCode == 0, r.All);
        var created = Path.Combine(Folder.Path, "0003_add_orders.sql");
        Assert.Contains(created, r.Stdout, StringComparison.Ordinal);
        File.AppendAllText(created, "CREATE TABLE \"orders\" (\"id\" serial PRIMARY KEY, \"user_id\" integer NOT NULL REFERENCES \"users\"(\"id\"));\n");

        using var journal = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder.Path, "meta", "_journal.json")));
        var last = journal.RootElement.GetProperty("entries").EnumerateArray().Last();
        Assert.Equal(3, last.GetProperty("idx").GetInt32());
        Assert.Equal("0003_add_orders", last.GetProperty("tag").GetString());
        Assert.True(File.Exists(Path.Combine(Folder.Path, "meta", "0003_snapshot.json")));

        var drizzle = await Node.RunAsync("drizzle-migrate.mjs", Node.Url(Db), Folder.Path);
        Assert.True(drizzle.ExitCode == 0, drizzle.All);
        Assert.True(await ExistsAsync("orders"));
        Assert.Equal(4, await CountAsync("SELECT count(*) FROM drizzle.__drizzle_migrations"));
    }

    [Theory]
    [InlineData("plain", "0009_old.sql", "0010_next_step.sql")]
    [InlineData("flyway", "V2__old.sql", "V3__next_step.sql")]
    public async Task New_continues_the_folders_numbering(string kind, string existing, string expected)
    {
        Folder.Write(existing, "SELECT 1;\n");
        var r = await CliProcess.RunAsync("new", "next step", "--dir", Folder.Path, "--json");
        Assert.True(r.ExitCode == 0, kind + ": " + r.All);
        Assert.True(File.Exists(Path.Combine(Folder.Path, expected)), r.Stdout);
    }
}
