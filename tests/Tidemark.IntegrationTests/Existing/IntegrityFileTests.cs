using Npgsql;
using Tidemark.Catalog;
using Tidemark.History;
using Tidemark.Planning;
using Tidemark.Sources;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.Reconciliation;
using Tidemark.Shadow;

namespace Tidemark.IntegrationTests.Existing;

[Collection("Existing")]
public sealed class IntegrityFileTests : ExistingTestBase
{
    [Fact]
    public async Task Hash_writes_the_file_and_its_fingerprints_equal_what_production_records()
    {
        WriteThree();
        var written = await Migrator.HashAsync(new MigratorOptions { Directory = Folder.Path }, Db);

        Assert.Equal(3, written.Migrations);
        var lines = (await File.ReadAllLinesAsync(written.Path)).Where(l => !l.StartsWith('#')).ToArray();
        Assert.Equal($"tidemark.sum 1 postgres {written.PostgresMajor}", lines[0]);
        Assert.StartsWith("empty ", lines[1], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);
        Assert.Equal(0, await ShadowDatabasesAsync());

        // The replay runs statements exactly as production does: the fingerprint after 0003 in the file
        // is the one recorded on the history row after a real run. (With a current file present the run skips
        // that catalog read, as the file already says it; so the file is moved aside for the run.)
        File.Move(written.Path, written.Path + ".aside");
        await CreateMigrator().MigrateAsync();
        var recorded = await TestServer.ScalarAsync<string>(Db, "SELECT fingerprint FROM tidemark.history WHERE version = '0003'");
        Assert.EndsWith(" " + recorded, lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adoption_with_a_current_integrity_file_needs_no_shadow()
    {
        WriteThree();
        await Migrator.HashAsync(new MigratorOptions { Directory = Folder.Path }, Db);
        await SqlAsync(M1 + M2);

        var result = await CreateMigrator(new MigratorOptions { Shadow = NoShadow }).MigrateAsync();

        Assert.Equal(["0001", "0002"], result.Adopted.Select(a => a.Version));
        Assert.Equal(["0003"], result.Applied.Select(a => a.Version));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task A_tenants_run_takes_nothing_from_the_file_made_for_the_default_schema()
    {
        // The file's fingerprints name public's objects; a tenant's objects carry the tenant's schema.
        WriteThree();
        await Migrator.HashAsync(new MigratorOptions { Directory = Folder.Path }, Db);
        await SqlAsync("CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b; SET search_path = tenant_b;\n" + M1 + "RESET search_path;");
        MigratorOptions Tenant(string schema, ShadowOptions? shadow = null) =>
            new() { TenantSchema = schema, HistoryTable = "history_" + schema, DriftPolicy = DriftPolicy.Refuse, Shadow = shadow ?? new ShadowOptions() };

        // A new tenant: applied, and its own fingerprint recorded, so a later drift check has no false alarm.
        Assert.Equal(3, (await CreateMigrator(Tenant("tenant_a")).MigrateAsync()).Applied.Count);
        var status = await CreateMigrator(Tenant("tenant_a")).StatusAsync();
        Assert.True(status.Drift is null || status.Drift.Differences.Count == 0, string.Join("; ", status.Drift?.Differences ?? []));
        Assert.NotNull(await TestServer.ScalarAsync<string>(Db, "SELECT fingerprint FROM tidemark.history_tenant_a WHERE version = '0003'"));

        // A tenant restored at 0001: without a shadow nothing can tell what its schema should be, and the refusal says so.
        var refused = await Assert.ThrowsAsync<AdoptionRefusedException>(() => CreateMigrator(Tenant("tenant_b", NoShadow)).MigrateAsync());
        Assert.Contains("tidemark.sum is not used for a tenant's schema (tenant_b)", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tidemark hash", refused.NextStep, StringComparison.Ordinal);

        // With a shadow, the replay in a schema named tenant_b finds 0001.
        var b = await CreateMigrator(Tenant("tenant_b")).MigrateAsync();
        Assert.Equal(["0001"], b.Adopted.Select(a => a.Version));
        Assert.Equal(["0002", "0003"], b.Applied.Select(a => a.Version));
    }

    [Fact]
    public async Task Stale_file_is_reported_with_the_command_that_fixes_it_and_a_shadow_is_used()
    {
        Folder.Write("0001_users.sql", M1);
        Folder.Write("0002_device.sql", M2);
        await Migrator.HashAsync(new MigratorOptions { Directory = Folder.Path }, Db);
        Folder.Write("0003_display_name.sql", M3);
        await SqlAsync(M1 + M2 + M3);

        var result = await CreateMigrator().MigrateAsync();

        Assert.Equal(3, result.Adopted.Count);
        Assert.Contains(result.Warnings, w => w.Contains("tidemark.sum is stale", StringComparison.Ordinal) && w.Contains("`tidemark hash`", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_file_and_no_shadow_refuses_naming_both_fixes()
    {
        WriteThree();
        await SqlAsync(M1);

        var ex = await Assert.ThrowsAsync<AdoptionRefusedException>(() => CreateMigrator(new MigratorOptions { Shadow = NoShadow }).MigrateAsync());

        Assert.Contains("no tidemark.sum", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tidemark hash", ex.NextStep, StringComparison.Ordinal);
        Assert.Contains("--shadow-url", ex.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drift_check_with_a_current_integrity_file_costs_one_catalog_read()
    {
        Folder.Write("0001_users.sql", M1);
        Folder.Write("0002_device.sql", M2);
        await CreateMigrator().MigrateAsync();
        await SqlAsync("UPDATE tidemark.history SET fingerprint = NULL;");
        WriteThree();
        await Migrator.HashAsync(new MigratorOptions { Directory = Folder.Path }, Db);

        var options = new MigratorOptions { Directory = Folder.Path, Shadow = NoShadow };
        var source = await options.CreateSource().LoadAsync(CancellationToken.None);
        var store = new HistoryStore(new HistoryTable("tidemark", "history"));
        await using var conn = new NpgsqlConnection(Db);
        await conn.OpenAsync();
        var snapshot = await store.ReadAsync(conn, CancellationToken.None);
        var adoption = new Reconciler(options, store, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, Db);

        var outcome = await adoption.ReconcileAsync(conn, source, snapshot, write: true, CancellationToken.None);
        Assert.Null(outcome.Drift);
        Assert.Equal(1, adoption.CatalogReads);

        await SqlAsync("ALTER TABLE device ADD COLUMN debug text;");
        var ex = await Assert.ThrowsAsync<DriftDetectedException>(() => new Reconciler(options, store, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, Db)
            .ReconcileAsync(conn, source, snapshot, write: true, CancellationToken.None));
        Assert.Equal(IntegrityFile.FileName, ex.Report.Basis);
        _ = CatalogOptions.Default;
    }
}
