using Tidemark.IntegrationTests.Infrastructure;

namespace Tidemark.IntegrationTests.Existing;

/// <summary>The CLI surface: hash, adoption text, adoption_refused / drift_detected JSON with exit code 3, --drift warn.</summary>
[Collection("Existing")]
public sealed class ExistingCliTests : ExistingTestBase
{
    [Fact]
    public async Task Hash_then_migrate_adopts_and_says_so()
    {
        WriteThree();
        var hash = await CliProcess.RunAsync("hash", "--dir", Folder.Path, "--url", Db);
        Assert.True(hash.ExitCode == 0, hash.All);
        Assert.True(File.Exists(Path.Combine(Folder.Path, "tidemark.sum")));
        Assert.Contains("3 migrations replayed", hash.Stdout, StringComparison.Ordinal);

        await SqlAsync(M1 + M2 + M3);
        var migrate = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db);

        Assert.True(migrate.ExitCode == 0, migrate.All);
        Assert.Contains("Adopted 0001–0003 (3 migrations; the database already reflects them, 0 statements executed)", migrate.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_adopted_migration_is_reported_in_the_singular()
    {
        WriteThree();
        await SqlAsync(M1);

        var migrate = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db);

        Assert.True(migrate.ExitCode == 0, migrate.All);
        Assert.Contains("Adopted 0001 (1 migration; the database already reflects it, 0 statements executed)", migrate.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tidemark.history_events WHERE kind = 'adopt' AND message LIKE 'Adopted 0001 (1 migration): the database already reflects it;%'"));
    }

    [Fact]
    public async Task Status_of_a_drifted_database_says_so_in_its_header_and_lists_the_differences_below()
    {
        WriteThree();
        Assert.Equal(0, (await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db)).ExitCode);
        await SqlAsync("ALTER TABLE users DROP COLUMN display_name;");

        var status = await CliProcess.RunAsync("status", "--dir", Folder.Path, "--url", Db);

        Assert.True(status.ExitCode == 0, status.All);
        var found = Assert.Single(status.Stdout.Split('\n'), l => l.StartsWith("Found:", StringComparison.Ordinal));
        Assert.Equal("Found:    The schema was changed outside the migrations since 0003 was applied (drift)", found.TrimEnd('\r'));
        Assert.Contains("drift:", status.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusal_is_exit_code_3_with_json_kind_and_differences()
    {
        WriteThree();
        await SqlAsync(M1 + "ALTER TABLE users ADD COLUMN nickname text;");

        var r = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db, "--json");

        Assert.Equal(3, r.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(r.Stdout);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("adoption_refused", error.GetProperty("kind").GetString());
        Assert.Contains("table public.users: column \"nickname\" (text) exists in the database but not after migration 0001",
            error.GetProperty("differences").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task Drift_is_exit_code_3_and_warn_continues()
    {
        Folder.Write("0001_users.sql", M1);
        Folder.Write("0002_device.sql", M2);
        Assert.Equal(0, (await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db)).ExitCode);
        await SqlAsync("ALTER TABLE device ADD COLUMN debug text;");
        Folder.Write("0003_display_name.sql", M3);

        var refused = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db, "--json");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("\"kind\": \"drift_detected\"", refused.Stdout, StringComparison.Ordinal);

        var text = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db);
        Assert.Equal(3, text.ExitCode);
        Assert.Contains("table public.device: column \"debug\" (text) exists in the database but not in the migrations", text.Stderr, StringComparison.Ordinal);

        var warned = await CliProcess.RunAsync("migrate", "--dir", Folder.Path, "--url", Db, "--drift", "warn");
        Assert.True(warned.ExitCode == 0, warned.All);
        Assert.Contains("warning:", warned.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, await HistoryCountAsync());
    }
}
