using System.Text.Json.Nodes;
using Tidemark.IntegrationTests.Infrastructure;

namespace Tidemark.IntegrationTests.Acceptance;

/// <summary>Half-applied migrations, drift and concurrent start-ups on existing databases.</summary>
public sealed partial class ExistingDatabaseTests
{
    private async Task AssertNoHistoryRowsAsync()
    {
        if (await ExistsAsync("tidemark.history"))
        {
            Assert.Equal(0, await HistoryCountAsync());
        }
    }

    [Fact]
    public async Task Half_applied_first_migration_is_refused_by_plain_migrate_and_completed_by_reconcile()
    {
        // 0000_init stopped half-way (as a non-transactional run would): both enums, users and devices
        // (with devices' foreign key) exist; deliveries and its two foreign keys do not. No history anywhere.
        var statements = File.ReadAllText(Path.Combine(DrizzleApp.Migrations, "0000_init.sql"))
            .Split("--> statement-breakpoint", StringSplitOptions.TrimEntries);
        Assert.Equal(8, statements.Length);
        Assert.StartsWith("CREATE TABLE \"deliveries\"", statements[2], StringComparison.Ordinal);
        await TestServer.ExecAsync(Db, string.Join("\n", new[] { 0, 1, 3, 4, 7 }.Select(i => statements[i].TrimEnd(';') + ";")));
        await TestServer.ExecAsync(Db, DrizzleApp.SeedPeople("full_name"));
        var before = await DrizzleApp.CatalogIdentityAsync(Db);

        DrizzleApp.CopyMigrations(Folder);
        var text = await MigrateAsync();
        Assert.True(text.ExitCode != 0, text.All);
        Assert.Contains("0000", text.All, StringComparison.Ordinal); // the closest migration
        Assert.Contains("deliveries", text.All, StringComparison.Ordinal); // what is missing
        Assert.Equal(before, await DrizzleApp.CatalogIdentityAsync(Db));
        await AssertNoHistoryRowsAsync();
        var json = await MigrateAsync("--json");
        Assert.Equal(before, await DrizzleApp.CatalogIdentityAsync(Db));

        var reconcile = await MigrateAsync("--reconcile");
        AssertOk(reconcile);
        var history = (await DrizzleApp.HistoryAsync(Db)).Split(' ');
        Assert.Equal(6, history.Length);
        Assert.StartsWith("0000:", history[0], StringComparison.Ordinal);
        Assert.Equal(["0001:versioned", "0002:versioned", "0003:versioned", "0004:versioned", "0005:versioned"], history[1..]);
        await DrizzleApp.AssertFinalSchemaAsync(Db);
        await DrizzleApp.AssertSeedAsync(Db, deliveries: false, lastSeen: false);

        // The completed schema works: the foreign keys reconcile added accept the seed rows' ids.
        await TestServer.ExecAsync(Db, DrizzleApp.SeedDeliveries(legacyRef: false));
        await DrizzleApp.AssertSeedAsync(Db, lastSeen: false);
        var again = await MigrateAsync();
        AssertOk(again);
        Assert.Contains("Up to date", again.Stdout, StringComparison.Ordinal);

        // The refusal's contract last, so it never hides a state problem.
        Assert.True(text.ExitCode == 3, $"exit {text.ExitCode}\n{text.All}");
        Assert.True(json.ExitCode == 3, $"exit {json.ExitCode}\n{json.All}");
        Assert.Equal("adoption_refused", ErrorKind(json));
    }

    [Fact]
    public async Task Drift_after_a_full_migrate_is_refused_naming_table_and_column_and_warn_continues()
    {
        DrizzleApp.CopyMigrations(Folder);
        AssertOk(await MigrateAsync());
        await TestServer.ExecAsync(Db, DrizzleApp.SeedFinal);
        await TestServer.ExecAsync(Db, "ALTER TABLE devices ADD COLUMN debug text");

        // A new release brings a seventh migration, in drizzle-kit's format.
        Folder.Write("0006_add_locale.sql", "ALTER TABLE \"users\" ADD COLUMN \"locale\" text DEFAULT 'en' NOT NULL;");
        var journalPath = Path.Combine(Folder.Path, "meta", "_journal.json");
        var journal = JsonNode.Parse(File.ReadAllText(journalPath))!.AsObject();
        var entries = journal["entries"]!.AsArray();
        var when = (long)entries[^1]!["when"]! + 60_000;
        entries.Add(new JsonObject { ["idx"] = 6, ["version"] = "7", ["when"] = when, ["tag"] = "0006_add_locale", ["breakpoints"] = true });
        File.WriteAllText(journalPath, journal.ToJsonString(new() { WriteIndented = true }));
        var before = await DrizzleApp.CatalogIdentityAsync(Db);

        var text = await MigrateAsync();
        Assert.True(text.ExitCode != 0, text.All);
        Assert.Contains("devices", text.All, StringComparison.Ordinal);
        Assert.Contains("debug", text.All, StringComparison.Ordinal);
        var json = await MigrateAsync("--json");

        // Refused before touching anything.
        Assert.Equal(before, await DrizzleApp.CatalogIdentityAsync(Db));
        Assert.Equal(AllVersioned, await DrizzleApp.HistoryAsync(Db));
        Assert.False(await TestServer.ScalarAsync<bool>(Db, "SELECT EXISTS (SELECT FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'locale')"));

        var warn = await MigrateAsync("--drift", "warn");
        AssertOk(warn);
        Assert.Contains("debug", warn.All, StringComparison.Ordinal);
        Assert.Equal(AllVersioned + " 0006:versioned", await DrizzleApp.HistoryAsync(Db));
        Assert.Equal("en", await TestServer.ScalarAsync<string>(Db, "SELECT string_agg(DISTINCT locale, ',') FROM users"));
        Assert.True(await TestServer.ScalarAsync<bool>(Db, "SELECT EXISTS (SELECT FROM information_schema.columns WHERE table_name = 'devices' AND column_name = 'debug')"));
        await DrizzleApp.AssertSeedAsync(Db, events: true);

        // The refusal's contract last, so it never hides a state problem.
        Assert.True(text.ExitCode == 3, $"exit {text.ExitCode}\n{text.All}");
        Assert.True(json.ExitCode == 3, $"exit {json.ExitCode}\n{json.All}");
        Assert.Equal("drift_detected", ErrorKind(json));
    }

    [Fact]
    public async Task Eight_processes_at_once_against_a_pushed_database_all_succeed_and_adopt_once()
    {
        await DrizzleApp.LoadAsync(Db, Path.Combine("pushed", "step6.sql"));
        await TestServer.ExecAsync(Db, DrizzleApp.SeedFinal);
        var before = await DrizzleApp.CatalogIdentityAsync(Db);
        DrizzleApp.CopyMigrations(Folder);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => MigrateAsync()));

        Assert.All(results, AssertOk);
        Assert.Equal(AllAdopted, await DrizzleApp.HistoryAsync(Db)); // exactly one row per version
        Assert.Equal(6, await HistoryCountAsync());
        Assert.Equal(before, await DrizzleApp.CatalogIdentityAsync(Db));
        Assert.Single(results, r => r.Stdout.Contains("Adopted", StringComparison.Ordinal)); // one adopts, the others find it done
        await DrizzleApp.AssertSeedAsync(Db, events: true);
    }
}
