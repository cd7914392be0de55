using System.Text.Json;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.IntegrationTests.Runner;

namespace Tidemark.IntegrationTests.Acceptance;

/// <summary>
/// Acceptance for existing databases (issue 6), through the real CLI on the unedited drizzle-kit
/// fixture (tests/fixtures/drizzle-app): every path ends at the final schema with the seed rows intact.
/// </summary>
public sealed partial class ExistingDatabaseTests : RunnerTestBase
{
    private static readonly string AllVersioned = string.Join(' ', DrizzleApp.Versions.Select(v => v + ":versioned"));
    private static readonly string AllAdopted = string.Join(' ', DrizzleApp.Versions.Select(v => v + ":adopted"));

    private Task<CliProcess.Result> MigrateAsync(params string[] extra) =>
        CliProcess.RunAsync(["migrate", "--dir", Folder.Path, "--url", Db, .. extra]);

    private static void AssertOk(CliProcess.Result r) => Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.All}");

    /// <summary>error.kind of a --json run's output.</summary>
    private static string? ErrorKind(CliProcess.Result r)
    {
        var start = r.Stdout.IndexOf('{', StringComparison.Ordinal);
        Assert.True(start >= 0, "no JSON on stdout:\n" + r.All);
        using var doc = JsonDocument.Parse(r.Stdout[start..]);
        return doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e.GetProperty("kind").GetString() : null;
    }

    [Fact]
    public async Task Fresh_database_gets_every_migration_applied_and_a_second_run_is_a_no_op()
    {
        // Through 0001 first, so the seed rows exist before the rename and the drop run over them.
        DrizzleApp.CopyMigrations(Folder, 2);
        AssertOk(await MigrateAsync());
        Assert.Equal("0000:versioned 0001:versioned", await DrizzleApp.HistoryAsync(Db));
        await TestServer.ExecAsync(Db, DrizzleApp.SeedStep2);

        using var all = new TempFolder();
        DrizzleApp.CopyMigrations(all);
        AssertOk(await CliProcess.RunAsync("migrate", "--dir", all.Path, "--url", Db));
        Assert.Equal(AllVersioned, await DrizzleApp.HistoryAsync(Db));
        await DrizzleApp.AssertFinalSchemaAsync(Db);
        await DrizzleApp.AssertSeedAsync(Db);

        var before = await DrizzleApp.CatalogIdentityAsync(Db);
        var again = await CliProcess.RunAsync("migrate", "--dir", all.Path, "--url", Db);
        AssertOk(again);
        Assert.Contains("Up to date", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, await DrizzleApp.CatalogIdentityAsync(Db));
        Assert.Equal(AllVersioned, await DrizzleApp.HistoryAsync(Db));
        await DrizzleApp.AssertSeedAsync(Db);
    }

    [Fact]
    public async Task Database_migrated_by_drizzles_own_migrator_to_0001_is_recognised_and_the_rest_applied_once()
    {
        using var firstTwo = new TempFolder();
        DrizzleApp.CopyMigrations(firstTwo, 2);
        var drizzle = await Node.RunAsync("drizzle-migrate.mjs", Node.Url(Db), firstTwo.Path);
        Assert.True(drizzle.ExitCode == 0, drizzle.All);
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM drizzle.__drizzle_migrations"));
        await TestServer.ExecAsync(Db, DrizzleApp.SeedStep2);

        DrizzleApp.CopyMigrations(Folder);
        var r = await MigrateAsync();
        AssertOk(r);

        // drizzle's two rows are recognised (not versioned = not run by Tidemark); the other four really ran.
        var kinds = (await DrizzleApp.HistoryAsync(Db)).Split(' ');
        Assert.Equal(6, kinds.Length);
        Assert.All(kinds[..2], k => Assert.DoesNotContain(":versioned", k, StringComparison.Ordinal));
        Assert.Equal(["0002:versioned", "0003:versioned", "0004:versioned", "0005:versioned"], kinds[2..]);
        Assert.Equal(6, await CountAsync("SELECT count(DISTINCT version) FROM tidemark.history"));

        // drizzle's own table kept in step: one row per migration, drizzle's exact hash and created_at, no duplicates.
        Assert.Equal(string.Join(' ', DrizzleApp.ExpectedDrizzleRows()), await DrizzleApp.DrizzleRowsAsync(Db));
        await DrizzleApp.AssertFinalSchemaAsync(Db);
        await DrizzleApp.AssertSeedAsync(Db);

        // ... so drizzle's migrator, run again on the full folder, finds nothing to do.
        var drizzleAgain = await Node.RunAsync("drizzle-migrate.mjs", Node.Url(Db), Folder.Path);
        Assert.True(drizzleAgain.ExitCode == 0, drizzleAgain.All);
        Assert.Equal(6, await CountAsync("SELECT count(*) FROM drizzle.__drizzle_migrations"));
        await DrizzleApp.AssertSeedAsync(Db);
    }

    [Fact]
    public async Task Database_pushed_at_the_final_step_without_history_is_adopted_without_executing_anything()
    {
        await DrizzleApp.LoadAsync(Db, Path.Combine("pushed", "step6.sql"));
        await TestServer.ExecAsync(Db, DrizzleApp.SeedFinal);
        var before = await DrizzleApp.CatalogIdentityAsync(Db);

        DrizzleApp.CopyMigrations(Folder);
        var r = await MigrateAsync();
        AssertOk(r);

        Assert.Equal(AllAdopted, await DrizzleApp.HistoryAsync(Db));
        // Not one DDL statement ran on the application's schema: same OIDs, same catalog row versions.
        Assert.Equal(before, await DrizzleApp.CatalogIdentityAsync(Db));
        await DrizzleApp.AssertSeedAsync(Db, events: true);

        var again = await MigrateAsync();
        AssertOk(again);
        Assert.Contains("Up to date", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(AllAdopted, await DrizzleApp.HistoryAsync(Db));

        // The output contract last, so a wording problem never hides a state problem.
        Assert.Contains("Adopted", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_pushed_at_step_2_adopts_that_prefix_and_really_applies_the_rename_and_the_rest()
    {
        await DrizzleApp.LoadAsync(Db, Path.Combine("pushed", "step2.sql"));
        await TestServer.ExecAsync(Db, DrizzleApp.SeedStep2);
        var usersOid = await TestServer.ScalarAsync<uint>(Db, "SELECT 'users'::regclass::oid");

        DrizzleApp.CopyMigrations(Folder);
        var r = await MigrateAsync();
        AssertOk(r);

        Assert.Equal("0000:adopted 0001:adopted 0002:versioned 0003:versioned 0004:versioned 0005:versioned", await DrizzleApp.HistoryAsync(Db));
        await DrizzleApp.AssertFinalSchemaAsync(Db);
        // The rename ran in place (same table, values carried over), not as drop + add.
        Assert.Equal(usersOid, await TestServer.ScalarAsync<uint>(Db, "SELECT 'users'::regclass::oid"));
        await DrizzleApp.AssertSeedAsync(Db);
        Assert.Contains("Adopted", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_built_by_idempotent_scripts_with_their_own_history_table_is_imported_from_that_table_with_no_flags()
    {
        await DrizzleApp.RunIdempotentAsync(Db, "000", "001", "002");
        await TestServer.ExecAsync(Db, DrizzleApp.SeedStep2);
        await DrizzleApp.RunIdempotentAsync(Db, "003", "004", "005", "006");
        const string appHistory = "SELECT string_agg(id || ':' || name || ':' || applied_at, ' ' ORDER BY id) FROM public.app_migrations";
        var oldHistory = await TestServer.ScalarAsync<string>(Db, appHistory);
        var before = await DrizzleApp.CatalogIdentityAsync(Db);

        DrizzleApp.CopyMigrations(Folder);

        // The team's table names every migration (001_init … 006_delivery_events, by their descriptive part)
        // in folder order: it is a hand-made history, imported like drizzle's with no flag.
        var status = await CliProcess.RunAsync("status", "--dir", Folder.Path, "--url", Db);
        AssertOk(status);
        Assert.Contains("public.app_migrations (hand-made history), 6 migrations recorded", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("applied (public.app_migrations, hand-made history)", status.Stdout, StringComparison.Ordinal);
        Assert.False(await ExistsAsync("tidemark.history"));

        var r = await MigrateAsync();
        AssertOk(r);

        Assert.Equal(AllAdopted, await DrizzleApp.HistoryAsync(Db));
        Assert.Equal(6, await CountAsync("SELECT count(*) FROM tidemark.history WHERE source = 'public.app_migrations (hand-made history)'"));
        Assert.Equal(before, await DrizzleApp.CatalogIdentityAsync(Db));
        // The team's old history table is left alone: still there, same rows.
        Assert.Equal(oldHistory, await TestServer.ScalarAsync<string>(Db, appHistory));
        Assert.Equal(6, await CountAsync("SELECT count(*) FROM public.app_migrations"));
        await DrizzleApp.AssertFinalSchemaAsync(Db);
        await DrizzleApp.AssertSeedAsync(Db);
        Assert.Contains("Imported 6 migrations from public.app_migrations (hand-made history)", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_drizzle_history_left_by_a_failed_drizzle_run_does_not_confuse_a_fresh_apply()
    {
        // A real failed drizzle run: its migrator creates drizzle.__drizzle_migrations, then runs every
        // migration in one transaction; the last one fails, so the table stays empty and nothing else exists.
        using var broken = new TempFolder();
        DrizzleApp.CopyMigrations(broken);
        File.AppendAllText(Path.Combine(broken.Path, "0005_delivery_events.sql"), "--> statement-breakpoint\nSELECT 1/0;");
        var drizzle = await Node.RunAsync("drizzle-migrate.mjs", Node.Url(Db), broken.Path);
        Assert.NotEqual(0, drizzle.ExitCode);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM drizzle.__drizzle_migrations"));
        Assert.False(await ExistsAsync("public.users"));

        DrizzleApp.CopyMigrations(Folder);
        AssertOk(await MigrateAsync());
        Assert.Equal(AllVersioned, await DrizzleApp.HistoryAsync(Db));
        Assert.Equal(string.Join(' ', DrizzleApp.ExpectedDrizzleRows()), await DrizzleApp.DrizzleRowsAsync(Db));
        await DrizzleApp.AssertFinalSchemaAsync(Db);

        await TestServer.ExecAsync(Db, DrizzleApp.SeedFinal);
        var again = await MigrateAsync();
        AssertOk(again);
        Assert.Contains("Up to date", again.Stdout, StringComparison.Ordinal);
        await DrizzleApp.AssertSeedAsync(Db, events: true);
    }
}
