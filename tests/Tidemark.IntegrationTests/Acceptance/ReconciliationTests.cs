using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.IntegrationTests.Runner;

namespace Tidemark.IntegrationTests.Acceptance;

/// <summary>
/// Acceptance for issue 10 (history first, the catalog verifies), through the real CLI on the unedited
/// drizzle-kit fixture, each state built the way it arises: drizzle's own migrator, hand edits, and the
/// hand-idempotent scripts run by the team's own runner. No flags: every run ends at drizzle's schema with
/// the data kept, Tidemark's history complete, the other histories consistent, and a second run a no-op.
/// </summary>
public sealed class ReconciliationTests : RunnerTestBase
{
    private static readonly string[] Files = DrizzleApp.Files;

    private Task<CliProcess.Result> RunAsync(string command, params string[] extra) =>
        CliProcess.RunAsync([command, "--dir", Folder.Path, "--url", Db, .. extra]);

    private static void AssertOk(CliProcess.Result r) => Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.All}");

    private Task<string> DrizzleCountsAsync() => DrizzleApp.DrizzleCountsAsync(Db);

    private Task AssertEndStateAsync(bool events = false) => DrizzleApp.AssertReconciledAsync(Db, events);

    private async Task AssertSecondRunIsANoOpAsync()
    {
        var before = await DrizzleApp.CatalogIdentityAsync(Db);
        var history = await DrizzleApp.HistoryAsync(Db);
        var again = await RunAsync("migrate");
        AssertOk(again);
        Assert.Contains("Up to date", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, await DrizzleApp.CatalogIdentityAsync(Db));
        Assert.Equal(history, await DrizzleApp.HistoryAsync(Db));
    }

    [Fact]
    public async Task Hand_idempotent_scripts_recorded_by_the_teams_runner_are_imported_from_its_table_and_the_rest_applied()
    {
        await DrizzleApp.TeamRunnerAsync(Db, 4);
        const string teamTable = DrizzleApp.TeamTableRowsSql;
        var teamRows = await TestServer.ScalarAsync<string>(Db, teamTable);
        DrizzleApp.CopyMigrations(Folder);

        var status = await RunAsync("status");
        AssertOk(status);
        Assert.Contains("History:  public.migrations_applied (hand-made history), 4 migrations recorded", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("applied (public.migrations_applied, hand-made history)", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("4 applied, 2 pending", status.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("no migration history", status.All, StringComparison.OrdinalIgnoreCase);
        Assert.False(await ExistsAsync("tidemark.history"), "status wrote to the database");

        var r = await RunAsync("migrate");
        AssertOk(r);
        Assert.Contains("Imported 4 migrations from public.migrations_applied (hand-made history)", r.Stdout, StringComparison.Ordinal);
        Assert.Equal("0000:adopted 0001:adopted 0002:adopted 0003:adopted 0004:versioned 0005:versioned", await DrizzleApp.HistoryAsync(Db));
        Assert.Equal(Files, (await TestServer.ScalarAsync<string>(Db, "SELECT string_agg(path, ' ' ORDER BY version) FROM tidemark.history")).Split(' '));
        await AssertEndStateAsync();

        // The team's table is read, never written: same rows, same timestamps.
        Assert.Equal(teamRows, await TestServer.ScalarAsync<string>(Db, teamTable));
        await AssertSecondRunIsANoOpAsync();
    }

    [Fact]
    public async Task Half_applied_migration_after_drizzles_migrator_is_completed_statement_by_statement()
    {
        // The first statement of 0005 run by hand: the table exists, its foreign key and index do not.
        await DrizzleApp.HalfAppliedAfterDrizzleAsync(Db);
        DrizzleApp.CopyMigrations(Folder);

        var status = await RunAsync("status");
        AssertOk(status);
        Assert.Contains("History:  drizzle.__drizzle_migrations (drizzle history), 5 migrations recorded", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("applied (drizzle history)", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("half-applied", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("0005_delivery_events.sql:1 statement 1 of 3: table \"delivery_events\" already exists; would be skipped", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("statement 2 of 3: constraint delivery_events_delivery_id_deliveries_id_fk does not exist on \"delivery_events\" yet; would run", status.Stdout, StringComparison.Ordinal);
        Assert.False(await ExistsAsync("tidemark.history"), "status wrote to the database");

        var r = await RunAsync("migrate");
        AssertOk(r);
        Assert.Contains("Completed the half-applied 0005_delivery_events.sql", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("statement 1 of 3: table \"delivery_events\" already exists; skipped", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("statement 3 of 3: index delivery_events_delivery_at_idx does not exist on \"delivery_events\" (or is INVALID); executed", r.Stdout, StringComparison.Ordinal);
        Assert.Equal("0000:adopted 0001:adopted 0002:adopted 0003:adopted 0004:adopted 0005:versioned", await DrizzleApp.HistoryAsync(Db));
        await AssertEndStateAsync();
        Assert.Equal("6 rows, 6 distinct", await DrizzleCountsAsync());
        await AssertSecondRunIsANoOpAsync();

        // drizzle's own migrator agrees: nothing left to do.
        var drizzle = await Node.RunAsync("drizzle-migrate.mjs", Node.Url(Db), Folder.Path);
        Assert.True(drizzle.ExitCode == 0, drizzle.All);
        Assert.Equal("6 rows, 6 distinct", await DrizzleCountsAsync());
    }

    [Fact]
    public async Task Enum_value_added_by_hand_before_its_migration_is_recognised_as_done_and_the_rest_applied()
    {
        await DrizzleApp.EnumValueAddedByHandAsync(Db);
        DrizzleApp.CopyMigrations(Folder);

        var r = await RunAsync("migrate");
        AssertOk(r);
        Assert.Contains("enum \"public\".\"delivery_status\" already has the value 'bounced'; skipped", r.Stdout, StringComparison.Ordinal);
        Assert.Equal("0000:adopted 0001:adopted 0002:adopted 0003:adopted 0004:versioned 0005:versioned", await DrizzleApp.HistoryAsync(Db));
        await AssertEndStateAsync();
        await AssertSecondRunIsANoOpAsync();
    }

    [Fact]
    public async Task Drift_after_drizzles_migrator_is_refused_naming_table_and_column_and_allowed_with_drift_warn()
    {
        await DrizzleApp.DriftAfterDrizzleAsync(Db);
        DrizzleApp.CopyMigrations(Folder);

        var status = await RunAsync("status");
        AssertOk(status);
        Assert.Contains("6 applied, 0 pending", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("table public.devices: column \"debug\" (text) exists in the database but not after 0005 (0005_delivery_events.sql)", status.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("no migration history", status.All, StringComparison.OrdinalIgnoreCase);

        var refused = await RunAsync("migrate", "--json");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("\"kind\": \"drift_detected\"", refused.Stdout, StringComparison.Ordinal);
        Assert.Contains("public.devices: column \\\"debug\\\"", refused.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("no migration history", refused.All, StringComparison.OrdinalIgnoreCase);
        Assert.False(await ExistsAsync("tidemark.history") && await CountAsync("SELECT count(*) FROM tidemark.history") > 0);

        var warned = await RunAsync("migrate", "--drift", "warn");
        AssertOk(warned);
        Assert.Contains("debug", warned.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Join(' ', DrizzleApp.Versions.Select(v => v + ":adopted")), await DrizzleApp.HistoryAsync(Db));
        Assert.Equal(string.Join(' ', DrizzleApp.ExpectedDrizzleRows()), await DrizzleApp.DrizzleRowsAsync(Db));
        await DrizzleApp.AssertSeedAsync(Db);
        await AssertSecondRunIsANoOpAsync();
    }

    [Fact]
    public async Task Eight_processes_at_once_on_a_half_applied_database_complete_it_once()
    {
        await DrizzleApp.HalfAppliedAfterDrizzleAsync(Db);
        DrizzleApp.CopyMigrations(Folder);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RunAsync("migrate")));

        Assert.All(results, AssertOk);
        Assert.Single(results, r => r.Stdout.Contains("Completed the half-applied", StringComparison.Ordinal));
        await AssertEndStateAsync();
        Assert.Equal("6 rows, 6 distinct", await DrizzleCountsAsync());
        Assert.Equal(6, await CountAsync("SELECT count(*) FROM tidemark.history"));
    }

    [Fact]
    public async Task A_deleted_applied_file_is_named_by_its_file_name()
    {
        DrizzleApp.CopyMigrations(Folder);
        AssertOk(await RunAsync("migrate"));

        // The last migration's file and journal entry are gone from the folder.
        using var fewer = new TempFolder();
        DrizzleApp.CopyMigrations(fewer, 5);
        var r = await CliProcess.RunAsync("migrate", "--dir", fewer.Path, "--url", Db);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("0005_delivery_events.sql (migration 0005) was applied on", r.All, StringComparison.Ordinal);

        var status = await CliProcess.RunAsync("status", "--dir", fewer.Path, "--url", Db);
        Assert.Contains("0005_delivery_events.sql (migration 0005)", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_format_1_history_is_upgraded_in_place_and_keeps_its_rows()
    {
        DrizzleApp.CopyMigrations(Folder, 5);
        AssertOk(await RunAsync("migrate"));
        await TestServer.ExecAsync(Db, "ALTER TABLE tidemark.history DROP COLUMN path, DROP COLUMN source; COMMENT ON TABLE tidemark.history IS 'tidemark history, format 1';");
        var before = await TestServer.ScalarAsync<string>(Db, "SELECT string_agg(id || version || checksum || applied_at, ' ' ORDER BY id) FROM tidemark.history");

        // The fast path reads a format-1 table; the upgrade happens under the lock when there is work.
        using var all = new TempFolder();
        DrizzleApp.CopyMigrations(all);
        AssertOk(await CliProcess.RunAsync("migrate", "--dir", all.Path, "--url", Db));

        Assert.Equal("tidemark history, format 2", await TestServer.ScalarAsync<string>(Db, "SELECT obj_description('tidemark.history'::regclass, 'pg_class')"));
        Assert.StartsWith(before, await TestServer.ScalarAsync<string>(Db, "SELECT string_agg(id || version || checksum || applied_at, ' ' ORDER BY id) FROM tidemark.history"), StringComparison.Ordinal);
        Assert.Equal(Files, (await TestServer.ScalarAsync<string>(Db, "SELECT string_agg(path, ' ' ORDER BY version) FROM tidemark.history")).Split(' '));
    }

    [Fact]
    public async Task Rollback_to_0002_with_allow_data_loss_then_migrate_round_trips_to_drizzles_schema()
    {
        using (var firstTwo = new TempFolder())
        {
            DrizzleApp.CopyMigrations(firstTwo, 2);
            AssertOk(await CliProcess.RunAsync("migrate", "--dir", firstTwo.Path, "--url", Db));
        }

        await TestServer.ExecAsync(Db, DrizzleApp.SeedStep2);
        DrizzleApp.CopyMigrations(Folder);
        AssertOk(await RunAsync("migrate"));

        // 0003 drops deliveries.legacy_ref, the table's last column: its generated down adds it back at the end,
        // where it was, so no note about column order is needed.
        var down = await CliProcess.RunAsync("down", "0003", "--dir", Folder.Path, "--url", Db);
        AssertOk(down);
        Assert.Matches(@"ALTER TABLE (public\.)?""?deliveries""? ADD COLUMN ""?legacy_ref""? text", down.Stdout);
        Assert.DoesNotContain("column order", down.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("unsupported", down.Stdout, StringComparison.Ordinal);

        var rollback = await RunAsync("rollback", "--to", "0002", "--allow-data-loss");
        AssertOk(rollback);
        Assert.True(await TestServer.ScalarAsync<bool>(Db,
            "SELECT EXISTS (SELECT FROM pg_attribute WHERE attrelid = 'deliveries'::regclass AND attname = 'legacy_ref' AND NOT attisdropped)"));
        Assert.False(await ExistsAsync("public.delivery_events"));

        AssertOk(await RunAsync("migrate"));
        await DrizzleApp.AssertFinalSchemaAsync(Db);
        await DrizzleApp.AssertSeedAsync(Db);
        Assert.Equal(string.Join(' ', DrizzleApp.Versions.Select(v => v + ":versioned")), await DrizzleApp.HistoryAsync(Db));
    }
}
