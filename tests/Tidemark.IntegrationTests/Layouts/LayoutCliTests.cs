using System.Text.Json;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.IntegrationTests.Runner;

namespace Tidemark.IntegrationTests.Layouts;

/// <summary>The CLI (managed, or the native binary under TIDEMARK_CLI) on other tools' folders.</summary>
public sealed class LayoutCliTests : RunnerTestBase
{
    [Fact]
    public async Task Goose_folder_migrates_then_rolls_back_from_its_down_sections()
    {
        var dir = ToolLayoutTests.Layout("goose");
        var migrate = await CliProcess.RunAsync("migrate", "--dir", dir, "--url", Db, "--json");
        Assert.True(migrate.ExitCode == 0, migrate.All);
        using (var json = JsonDocument.Parse(migrate.Stdout))
        {
            Assert.Equal(3, json.RootElement.GetProperty("appliedCount").GetInt32());
        }

        Assert.True(await ExistsAsync("post_title"));

        var rollback = await CliProcess.RunAsync("rollback", "--to", "0", "--dir", dir, "--url", Db);
        Assert.True(rollback.ExitCode == 0, rollback.All);
        Assert.False(await ExistsAsync("post"));
        Assert.Equal(0, await HistoryCountAsync());
    }

    [Fact]
    public async Task Diesel_history_is_imported_and_reported_in_json()
    {
        var dir = ToolLayoutTests.Layout("diesel");
        var first = await Tidemark.Sources.MigrationSources.FromDirectory(dir).LoadAsync(CancellationToken.None);
        await TestServer.ExecAsync(Db, first.Versioned[0].Sql + first.Versioned[1].Sql +
            "CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);" +
            "INSERT INTO __diesel_schema_migrations (version) VALUES ('00000000000000'), ('20240301101500');");

        var migrate = await CliProcess.RunAsync("migrate", "--dir", dir, "--url", Db, "--json");

        Assert.True(migrate.ExitCode == 0, migrate.All);
        using var json = JsonDocument.Parse(migrate.Stdout);
        Assert.Equal(["00000000000000", "20240301101500"], json.RootElement.GetProperty("imported").EnumerateArray().Select(i => i.GetProperty("version").GetString()));
        Assert.Equal(["20240302093000", "202501151200000000"], json.RootElement.GetProperty("applied").EnumerateArray().Select(i => i.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task An_ambiguous_folder_is_bad_input_naming_the_candidates()
    {
        Folder.Write("2024-01-01-000000_init/up.sql", "SELECT 1;");
        Folder.Write("000001_init.up.sql", "SELECT 1;");

        var r = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("ambiguous", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("Diesel", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("GolangMigrate", r.Stderr, StringComparison.Ordinal);
    }
}
