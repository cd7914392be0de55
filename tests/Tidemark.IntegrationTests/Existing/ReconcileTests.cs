using Tidemark.Planning;
using Tidemark.Reconciliation;

namespace Tidemark.IntegrationTests.Existing;

/// <summary>Half-applied migrations: refused by default, completed with Reconcile, data loss gated.</summary>
[Collection("Existing")]
public sealed class ReconcileTests : ExistingTestBase
{
    // Migration 2 adds an enum value and a table; the database got only the enum value.
    private const string M2Half = "ALTER TYPE status ADD VALUE 'suspended';\n";
    private const string M2Full = M2Half + M2;

    private void WriteHalfAppliedFolder()
    {
        Folder.Write("0001_users.sql", M1);
        Folder.Write("0002_device.sql", M2Full);
        Folder.Write("0003_display_name.sql", M3);
    }

    [Fact]
    public async Task Half_applied_migration_is_refused_by_default_and_nothing_changes()
    {
        WriteHalfAppliedFolder();
        await SqlAsync(M1 + M2Half);
        await SeedAsync();

        var ex = await Assert.ThrowsAsync<AdoptionRefusedException>(() => CreateMigrator().MigrateAsync());

        Assert.Contains("--reconcile", ex.NextStep, StringComparison.Ordinal);
        Assert.False(await ExistsAsync("device"));
        Assert.Equal(0, await HistoryCountAsync());
        await AssertSeedSurvivedAsync();
    }

    [Fact]
    public async Task Reconcile_completes_the_half_applied_migration_then_applies_the_rest()
    {
        WriteHalfAppliedFolder();
        await SqlAsync(M1 + M2Half);
        await SeedAsync();

        var result = await CreateMigrator(new MigratorOptions { Reconcile = ReconcilePolicy.Apply }).MigrateAsync();

        Assert.Equal(["0001", "0002"], result.Adopted.Select(a => a.Version));
        Assert.Equal(["0003"], result.Applied.Select(a => a.Version));
        Assert.True(await ExistsAsync("device"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM pg_constraint WHERE conname = 'device_name_len'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tidemark.history_events WHERE kind = 'adopt' AND message LIKE '%0002 was half-applied and was completed by executing%CREATE TABLE%'"));
        await AssertSeedSurvivedAsync();

        // The result is exactly what the migrations produce: the next run finds no drift.
        Folder.Write("0004_more.sql", "ALTER TABLE device ADD COLUMN serial_no text;\n");
        var next = await CreateMigrator().MigrateAsync();
        Assert.Equal(["0004"], next.Applied.Select(a => a.Version));
    }

    [Fact]
    public async Task Reconcile_that_would_lose_data_needs_allow_data_loss()
    {
        Folder.Write("0001_users.sql", M1 + "ALTER TABLE users ADD COLUMN legacy text;\n");
        Folder.Write("0002_device.sql", "ALTER TABLE users DROP COLUMN legacy;\n" + M2);
        await SqlAsync(M1 + "ALTER TABLE users ADD COLUMN legacy text;\n" + M2);
        await SeedAsync();

        var ex = await Assert.ThrowsAsync<AdoptionRefusedException>(() => CreateMigrator(new MigratorOptions { Reconcile = ReconcilePolicy.Apply }).MigrateAsync());
        Assert.Contains("lose data", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ex.Differences, d => d.Contains("legacy", StringComparison.Ordinal));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'legacy'"));

        var result = await CreateMigrator(new MigratorOptions { Reconcile = ReconcilePolicy.Apply, AllowDataLoss = true }).MigrateAsync();
        Assert.Equal(2, result.Adopted.Count);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'legacy'"));
        await AssertSeedSurvivedAsync();
    }
}
