using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.Reconciliation;

namespace Tidemark.IntegrationTests.Existing;

/// <summary>Other tools' history tables, created by hand in their real shapes.</summary>
[Collection("Existing")]
public sealed class ForeignHistoryTests : ExistingTestBase
{
    private const string EfTable = """
        CREATE TABLE "__EFMigrationsHistory" ("MigrationId" character varying(150) NOT NULL, "ProductVersion" character varying(32) NOT NULL,
            CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId"));
        """;

    private async Task AssertImportedTwoAppliedThirdAsync(MigrationResult result, string table, string foreignCountSql, long foreignRows)
    {
        Assert.Equal(2, result.Imported.Count);
        Assert.All(result.Imported, i => Assert.Contains(table, i.Source, StringComparison.Ordinal));
        Assert.Empty(result.Adopted);
        Assert.Single(result.Applied);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'display_name'"));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM tidemark.history WHERE kind = 'adopted' AND statements_done = 0"));
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM tidemark.history_events WHERE kind = 'adopt' AND message LIKE '%{table}%'"));
        Assert.Equal(foreignRows, await CountAsync(foreignCountSql));
        await AssertSeedSurvivedAsync();
    }

    [Fact]
    public async Task Drizzle_v0_history_is_imported_by_created_at_and_hash()
    {
        WriteDrizzle(M1, M2, M3);
        var source = await new MigratorOptions { Directory = Folder.Path }.CreateSource().LoadAsync(CancellationToken.None);
        await SqlAsync(M1 + M2);
        await SeedAsync();
        await SqlAsync($"""
            CREATE SCHEMA drizzle;
            CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint);
            INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES
              ('{source.Versioned[0].Checksum}', {source.Versioned[0].DrizzleCreatedAt}), ('{source.Versioned[1].Checksum}', {source.Versioned[1].DrizzleCreatedAt});
            """);

        var result = await CreateMigrator().MigrateAsync();

        Assert.Equal(["0000", "0001"], result.Imported.Select(i => i.Version));
        Assert.Equal(["0002"], result.Applied.Select(a => a.Version));
        // Tidemark keeps drizzle's table in step: the applied migration was added, the imported ones not duplicated.
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM drizzle.__drizzle_migrations"));
        await AssertSeedSurvivedAsync();
    }

    [Fact]
    public async Task Drizzle_v1_history_is_imported_by_folder_name()
    {
        Folder.Write("20250101120000_users/migration.sql", M1);
        Folder.Write("20250102120000_device/migration.sql", M2);
        Folder.Write("20250103120000_display_name/migration.sql", M3);
        await SqlAsync(M1 + M2);
        await SeedAsync();
        await SqlAsync("""
            CREATE SCHEMA drizzle;
            CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint, name text, applied_at timestamp DEFAULT CURRENT_TIMESTAMP);
            INSERT INTO drizzle.__drizzle_migrations (hash, created_at, name) VALUES ('x', 1, '20250101120000_users'), ('y', 2, '20250102120000_device');
            """);

        var result = await CreateMigrator().MigrateAsync();

        Assert.Equal(2, result.Imported.Count);
        Assert.Single(result.Applied);
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM drizzle.__drizzle_migrations"));
        await AssertSeedSurvivedAsync();
    }

    [Fact]
    public async Task Empty_drizzle_history_left_by_a_failed_run_does_not_confuse_adoption()
    {
        WriteDrizzle(M1, M2, M3);
        await SqlAsync(M1 + M2 + M3);
        await SeedAsync();
        await SqlAsync("CREATE SCHEMA drizzle; CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint);");

        var result = await CreateMigrator().MigrateAsync();

        Assert.Equal(3, result.Adopted.Count);
        Assert.Empty(result.Imported);
        Assert.Empty(result.Applied);
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM drizzle.__drizzle_migrations"));
        await AssertSeedSurvivedAsync();
    }

    [Fact]
    public async Task Ef_core_history_is_imported_by_migration_id()
    {
        WriteThree();
        await SqlAsync(M1 + M2);
        await SeedAsync();
        await SqlAsync(EfTable + "INSERT INTO \"__EFMigrationsHistory\" VALUES ('0001_users', '8.0.0'), ('0002_device', '8.0.0');");

        var result = await CreateMigrator().MigrateAsync();

        await AssertImportedTwoAppliedThirdAsync(result, "__EFMigrationsHistory", "SELECT count(*) FROM \"__EFMigrationsHistory\"", 2);
    }

    [Fact]
    public async Task Flyway_history_is_imported_by_version_and_success()
    {
        Folder.Write("V1__users.sql", M1);
        Folder.Write("V2__device.sql", M2);
        Folder.Write("V3__display_name.sql", M3);
        await SqlAsync(M1 + M2);
        await SeedAsync();
        await SqlAsync("""
            CREATE TABLE flyway_schema_history (installed_rank integer NOT NULL, version varchar(50), description varchar(200) NOT NULL,
              type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum integer, installed_by varchar(100) NOT NULL,
              installed_on timestamp NOT NULL DEFAULT now(), execution_time integer NOT NULL, success boolean NOT NULL,
              CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank));
            CREATE INDEX flyway_schema_history_s_idx ON flyway_schema_history (success);
            INSERT INTO flyway_schema_history VALUES
              (1, '1', 'users', 'SQL', 'V1__users.sql', 1, 'me', now(), 5, true),
              (2, '2', 'device', 'SQL', 'V2__device.sql', 2, 'me', now(), 5, true),
              (3, '3', 'display name', 'SQL', 'V3__display_name.sql', 3, 'me', now(), 5, false);
            """);

        var result = await CreateMigrator().MigrateAsync();

        await AssertImportedTwoAppliedThirdAsync(result, "flyway_schema_history", "SELECT count(*) FROM flyway_schema_history", 3);
    }

    [Fact]
    public async Task DbUp_history_is_imported_by_script_name()
    {
        WriteThree();
        await SqlAsync(M1 + M2);
        await SeedAsync();
        await SqlAsync("""
            CREATE TABLE schemaversions (schemaversionsid serial NOT NULL, scriptname character varying(255) NOT NULL,
              applied timestamp without time zone NOT NULL, CONSTRAINT "PK_schemaversions_Id" PRIMARY KEY (schemaversionsid));
            INSERT INTO schemaversions (scriptname, applied) VALUES ('MyApp.Scripts.0001_users.sql', now()), ('MyApp.Scripts.0002_device.sql', now());
            """);

        var result = await CreateMigrator().MigrateAsync();

        await AssertImportedTwoAppliedThirdAsync(result, "schemaversions", "SELECT count(*) FROM schemaversions", 2);
    }

    [Fact]
    public async Task Evolve_changelog_is_imported_by_version()
    {
        Folder.Write("V1__users.sql", M1);
        Folder.Write("V2__device.sql", M2);
        Folder.Write("V3__display_name.sql", M3);
        await SqlAsync(M1 + M2);
        await SeedAsync();
        await SqlAsync("""
            CREATE TABLE changelog (id serial PRIMARY KEY, type smallint, version varchar(50), name varchar(300) NOT NULL,
              description varchar(200) NOT NULL, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(),
              success boolean NOT NULL, checksum varchar(32));
            INSERT INTO changelog (type, version, name, description, installed_by, success, checksum) VALUES
              (0, '1', 'V1__users.sql', 'users', 'me', true, 'x'), (0, '2', 'V2__device.sql', 'device', 'me', true, 'y');
            """);

        var result = await CreateMigrator().MigrateAsync();

        await AssertImportedTwoAppliedThirdAsync(result, "changelog", "SELECT count(*) FROM changelog", 2);
    }

    [Fact]
    public async Task Foreign_history_that_contradicts_the_catalog_is_refused_naming_both_facts_and_the_fix()
    {
        WriteThree();
        await SqlAsync(M1);
        await SeedAsync();
        await SqlAsync(EfTable + "INSERT INTO \"__EFMigrationsHistory\" VALUES ('0001_users', '8.0.0'), ('0002_device', '8.0.0');");

        // The history claims 0002, the catalog is exactly the schema after 0001: neither is taken over the other.
        var ex = await Assert.ThrowsAsync<AdoptionRefusedException>(() => CreateMigrator().MigrateAsync());

        Assert.Contains("__EFMigrationsHistory", ex.Message, StringComparison.Ordinal);
        Assert.Contains("through 0002 (0002_device.sql)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("exactly the schema after 0001 (0001_users.sql)", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ex.Differences, d => d.Contains("table public.device exists after 0002", StringComparison.Ordinal));
        Assert.Contains("0001_users.sql", ex.NextStep, StringComparison.Ordinal);
        Assert.False(await ExistsAsync("device"));
        Assert.Equal(0, await TestServer.ScalarAsync<long>(Db, "SELECT count(*) FROM tidemark.history"));

        // status says the same without writing anything.
        var status = await CreateMigrator().StatusAsync();
        Assert.Equal(ReconciliationCase.Contradiction, status.Reconciliation!.Case);
    }

    [Fact]
    public async Task A_tenants_run_does_not_take_another_tenants_hand_made_history_for_its_own()
    {
        // tenant_b was migrated by a home-made script that logged its files.
        await AssertTenantsKeepTheirOwnHistoriesAsync("0001_users.sql", "0002_posts.sql", """
            CREATE TABLE tenant_b.migrations_applied (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO tenant_b.migrations_applied (name) VALUES ('0001_users.sql');
            """);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tenant_b.migrations_applied"));
    }

    [Fact]
    public async Task Tenants_of_a_drizzle_folder_write_no_rows_into_drizzles_one_table_per_database()
    {
        WriteDrizzle(M1, M2);
        foreach (var tenant in new[] { "tenant_a", "tenant_b" })
        {
            var result = await CreateMigrator(new MigratorOptions { TenantSchema = tenant, HistoryTable = "history_" + tenant }).MigrateAsync();
            Assert.Equal(2, result.Applied.Count);
        }

        Assert.False(await ExistsAsync("drizzle.__drizzle_migrations"));
        Assert.True(await ExistsAsync("tenant_b.device"));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM tidemark.history_tenant_b"));
    }

    [Fact]
    public async Task A_tenants_run_does_not_take_another_tenants_flyway_history_for_its_own() =>
        await AssertTenantsKeepTheirOwnHistoriesAsync("V1__users.sql", "V2__posts.sql", """
            CREATE TABLE tenant_b.flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50), description varchar(200) NOT NULL,
                type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum int, installed_by varchar(100) NOT NULL,
                installed_on timestamp NOT NULL DEFAULT now(), execution_time int NOT NULL, success boolean NOT NULL);
            INSERT INTO tenant_b.flyway_schema_history VALUES (1, '1', 'users', 'SQL', 'V1__users.sql', 0, 'app', now(), 5, true);
            """);

    /// <summary>
    /// Two tenants of one database and two migrations: tenant_b was migrated to the first by another tool whose history
    /// (<paramref name="historySql"/>, in tenant_b) records it; tenant_a is new. tenant_a's run applies both and imports
    /// nothing; tenant_b's imports the first (its schema is the one after it, replayed in a schema of its name) and applies the second.
    /// </summary>
    private async Task AssertTenantsKeepTheirOwnHistoriesAsync(string first, string second, string historySql)
    {
        Folder.Write(first, "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n");
        Folder.Write(second, "CREATE TABLE posts (id int PRIMARY KEY, title text);\n");
        await SqlAsync("CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b; CREATE TABLE tenant_b.users (id int PRIMARY KEY, email text NOT NULL);\n" + historySql);
        static MigratorOptions Tenant(string schema) => new() { TenantSchema = schema, HistoryTable = "history_" + schema };

        var a = await CreateMigrator(Tenant("tenant_a")).MigrateAsync();
        Assert.Empty(a.Imported);
        Assert.Equal(2, a.Applied.Count);
        Assert.True(await ExistsAsync("tenant_a.posts"));

        var b = await CreateMigrator(Tenant("tenant_b")).MigrateAsync();
        Assert.Equal([a.Applied[0].Version], b.Imported.Select(m => m.Version));
        Assert.Equal([a.Applied[1].Version], b.Applied.Select(m => m.Version));
        Assert.True(await ExistsAsync("tenant_b.posts"));
    }
}
