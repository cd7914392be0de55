using Tidemark.IntegrationTests.Infrastructure;

namespace Tidemark.IntegrationTests.Acceptance;

/// <summary>tidemark.sum: production start-up adopts without any shadow database.</summary>
public sealed partial class ExistingDatabaseTests
{
    /// <summary>A shadow URL nothing listens on: any attempt to use a shadow database fails the run.</summary>
    private const string UnreachableShadow = "Host=127.0.0.1;Port=1;Username=nobody;Database=noshadow;Timeout=3";

    private async Task HashAsync()
    {
        var scratch = await TestServer.CreateDatabaseAsync("hash");
        var hash = await CliProcess.RunAsync("hash", "--dir", Folder.Path, "--url", scratch);
        AssertOk(hash);
        Assert.True(File.Exists(Path.Combine(Folder.Path, "tidemark.sum")), hash.All);
    }

    [Fact]
    public async Task With_a_current_integrity_file_a_pushed_database_is_adopted_without_a_shadow_database()
    {
        DrizzleApp.CopyMigrations(Folder);
        await HashAsync();
        await DrizzleApp.LoadAsync(Db, Path.Combine("pushed", "step2.sql"));
        await TestServer.ExecAsync(Db, DrizzleApp.SeedStep2);

        var r = await MigrateAsync("--shadow-url", UnreachableShadow);
        AssertOk(r);
        Assert.Equal("0000:adopted 0001:adopted 0002:versioned 0003:versioned 0004:versioned 0005:versioned", await DrizzleApp.HistoryAsync(Db));
        await DrizzleApp.AssertFinalSchemaAsync(Db);
        await DrizzleApp.AssertSeedAsync(Db);
    }

    [Fact]
    public async Task A_stale_integrity_file_is_reported_with_the_command_that_fixes_it()
    {
        DrizzleApp.CopyMigrations(Folder, 5);
        await HashAsync();
        using (var all = new TempFolder())
        {
            // The next release adds 0005 but nobody re-ran `tidemark hash`.
            DrizzleApp.CopyMigrations(all);
            File.Copy(Path.Combine(all.Path, "0005_delivery_events.sql"), Path.Combine(Folder.Path, "0005_delivery_events.sql"));
            File.Copy(Path.Combine(all.Path, "meta", "_journal.json"), Path.Combine(Folder.Path, "meta", "_journal.json"), overwrite: true);
        }

        await DrizzleApp.LoadAsync(Db, Path.Combine("pushed", "step6.sql"));
        var r = await MigrateAsync();
        Assert.Contains("tidemark hash", r.All, StringComparison.Ordinal);
        Assert.Contains("tidemark.sum", r.All, StringComparison.Ordinal);
    }
}
