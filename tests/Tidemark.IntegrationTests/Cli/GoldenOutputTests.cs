using System.Text.RegularExpressions;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.IntegrationTests.Runner;

namespace Tidemark.IntegrationTests.Cli;

/// <summary>
/// The CLI's text and JSON output compared with golden files (Cli/Golden/*.txt) after masking what
/// varies between runs: the temp folder, the port, database name, times and durations.
/// Set TIDEMARK_UPDATE_GOLDEN=1 to rewrite the files after an intended change.
/// </summary>
public sealed partial class GoldenOutputTests : RunnerTestBase
{
    private void WriteMigrations()
    {
        Folder.Write("0001_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n");
        Folder.Write("0002_orders.sql",
            "-- orders\n" +
            "CREATE TABLE orders (\n" +
            "    id int PRIMARY KEY,\n" +
            "    user_id int REFERENCES users (id),\n" +
            "    total numerik NOT NULL\n" +
            ");\n");
    }

    private async Task<CliProcess.Result> Tidemark(params string[] args) =>
        await CliProcess.RunAsync([.. args, "--dir", Folder.Path, "--url", Db]);

    [Fact]
    public async Task Status_before_anything_is_applied_text_and_json()
    {
        WriteMigrations();
        await AssertGoldenAsync("status-fresh.txt", await Tidemark("status"));
        await AssertGoldenAsync("status-fresh.json.txt", await Tidemark("status", "--json"));
    }

    [Fact]
    public async Task Plan_text_and_json()
    {
        WriteMigrations();
        await AssertGoldenAsync("plan.txt", await Tidemark("plan"));
        await AssertGoldenAsync("plan.json.txt", await Tidemark("plan", "--json"));
    }

    [Fact]
    public async Task Migrate_failure_text_and_json_then_status_shows_the_failure()
    {
        WriteMigrations();
        await AssertGoldenAsync("migrate-error.txt", await Tidemark("migrate"));
        await AssertGoldenAsync("migrate-error.json.txt", await Tidemark("migrate", "--json"));
        await AssertGoldenAsync("status-after-failure.txt", await Tidemark("status"));
    }

    [Fact]
    public async Task No_color_env_means_no_escape_codes_even_on_errors()
    {
        WriteMigrations();
        var r = await Tidemark("migrate");
        Assert.DoesNotContain("\u001b[", r.All, StringComparison.Ordinal);
    }

    private async Task AssertGoldenAsync(string name, CliProcess.Result result)
    {
        var actual = Mask($"exit {result.ExitCode}\n--- stdout\n{result.Stdout}--- stderr\n{result.Stderr}");
        var path = Path.Combine(TestServer.RepoRoot, "tests", "Tidemark.IntegrationTests", "Cli", "Golden", name);
        if (Environment.GetEnvironmentVariable("TIDEMARK_UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(path, actual);
        }

        Assert.True(File.Exists(path), $"missing golden file {path}; run with TIDEMARK_UPDATE_GOLDEN=1");
        Assert.Equal((await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n"), actual);
    }

    private string Mask(string text)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(Db);
        text = text.Replace(Folder.Path, "<dir>", StringComparison.Ordinal)
            .Replace(b.Database!, "<db>", StringComparison.Ordinal)
            .Replace($":{b.Port}/", ":<port>/", StringComparison.Ordinal)
            .Replace($" on {Environment.MachineName}:", " on <host>:", StringComparison.Ordinal);
        text = Timestamp().Replace(text, "<time>");
        text = Duration().Replace(text, "<ms>");
        return text.ReplaceLineEndings("\n");
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"(?<=""(elapsedMs|lockWaitMs|durationMs)"": )[0-9.]+|\d+(\.\d+)? ms")]
    private static partial Regex Duration();
}
