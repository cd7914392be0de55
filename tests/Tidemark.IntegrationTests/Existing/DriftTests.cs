using Tidemark.Planning;
using Tidemark.Reconciliation;

namespace Tidemark.IntegrationTests.Existing;

[Collection("Existing")]
public sealed class DriftTests : ExistingTestBase
{
    private const string DriftLine = "table public.device: column \"debug\" (text) exists in the database but not in the migrations";

    private async Task MigrateTwoThenAddColumnByHandAsync()
    {
        Folder.Write("0001_users.sql", M1);
        Folder.Write("0002_device.sql", M2);
        await CreateMigrator().MigrateAsync();
        await SeedAsync();
        await SqlAsync("ALTER TABLE device ADD COLUMN debug text;");
        Folder.Write("0003_display_name.sql", M3);
    }

    [Fact]
    public async Task Drift_refused_by_default_naming_table_and_column_and_nothing_applied()
    {
        await MigrateTwoThenAddColumnByHandAsync();

        var ex = await Assert.ThrowsAsync<DriftDetectedException>(() => CreateMigrator().MigrateAsync());

        Assert.Contains(DriftLine, ex.Report.Differences);
        Assert.Contains(DriftLine, ex.Message, StringComparison.Ordinal);
        Assert.Equal("0002", ex.Report.Version);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'display_name'"));
        Assert.Equal(2, await HistoryCountAsync());
        await AssertSeedSurvivedAsync();
    }

    [Fact]
    public async Task Warn_policy_logs_and_continues()
    {
        await MigrateTwoThenAddColumnByHandAsync();

        var result = await CreateMigrator(new MigratorOptions { DriftPolicy = DriftPolicy.Warn }).MigrateAsync();

        Assert.Equal(["0003"], result.Applied.Select(a => a.Version));
        Assert.NotNull(result.Drift);
        Assert.Contains(DriftLine, result.Drift.Differences);
        Assert.Contains(result.Warnings, w => w.Contains(DriftLine, StringComparison.Ordinal));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tidemark.history_events WHERE kind = 'drift'"));
        await AssertSeedSurvivedAsync();
    }

    [Fact]
    public async Task Status_reports_drift_and_up_to_date_check_is_opt_in()
    {
        Folder.Write("0001_users.sql", M1);
        Folder.Write("0002_device.sql", M2);
        await CreateMigrator().MigrateAsync();
        Assert.Null((await CreateMigrator().StatusAsync()).Drift);

        await SqlAsync("ALTER TABLE device ADD COLUMN debug text;");

        var status = await CreateMigrator().StatusAsync();
        Assert.NotNull(status.Drift);
        Assert.Equal("0002", status.Drift.Version);

        // Default: the fast path does not read the catalog, so an up-to-date start-up does not notice.
        var fast = await CreateMigrator().MigrateAsync();
        Assert.True(fast.FastPath);
        Assert.Null(fast.Drift);

        var ex = await Assert.ThrowsAsync<DriftDetectedException>(() => CreateMigrator(new MigratorOptions { CheckDriftWhenUpToDate = true }).MigrateAsync());
        Assert.Contains(DriftLine, ex.Report.Differences);
    }

    [Fact]
    public async Task Ignore_policy_applies_without_checking()
    {
        await MigrateTwoThenAddColumnByHandAsync();
        var result = await CreateMigrator(new MigratorOptions { DriftPolicy = DriftPolicy.Ignore }).MigrateAsync();
        Assert.Equal(["0003"], result.Applied.Select(a => a.Version));
        Assert.Null(result.Drift);
    }
}
