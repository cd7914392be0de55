using Tidemark.Planning;
using Tidemark.Reconciliation;

namespace Tidemark.IntegrationTests.Existing;

[Collection("Existing")]
public sealed class AdoptionTests : ExistingTestBase
{
    [Fact]
    public async Task Pushed_at_the_final_step_every_migration_is_adopted_and_nothing_executed()
    {
        WriteThree();
        await SqlAsync(M1 + M2 + M3);
        await SeedAsync();

        var result = await CreateMigrator().MigrateAsync();

        Assert.Empty(result.Applied);
        Assert.Equal(["0001", "0002", "0003"], result.Adopted.Select(a => a.Version));
        Assert.Equal("0003", result.CurrentVersion);
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM tidemark.history WHERE kind = 'adopted' AND statements_done = 0 AND statements_total > 0"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tidemark.history WHERE version = '0003' AND fingerprint IS NOT NULL"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tidemark.history_events WHERE kind = 'adopt' AND message LIKE 'Adopted 0001–0003 (3 migrations)%'"));
        Assert.Equal(0, await ShadowDatabasesAsync());
        await AssertSeedSurvivedAsync();

        var second = await CreateMigrator().MigrateAsync();
        Assert.True(second.FastPath);
        Assert.True(second.NothingToDo);
    }

    [Fact]
    public async Task Pushed_at_an_intermediate_step_the_prefix_is_adopted_and_the_rest_applied()
    {
        WriteThree();
        await SqlAsync(M1 + M2);
        await SeedAsync();

        var result = await CreateMigrator().MigrateAsync();

        Assert.Equal(["0001", "0002"], result.Adopted.Select(a => a.Version));
        Assert.Equal(["0003"], result.Applied.Select(a => a.Version));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'display_name'"));
        Assert.Equal("versioned", await TestServer.ScalarAsync<string>(Db, "SELECT kind FROM tidemark.history WHERE version = '0003'"));
        Assert.NotNull(await TestServer.ScalarAsync<string>(Db, "SELECT fingerprint FROM tidemark.history WHERE version = '0003'"));
        await AssertSeedSurvivedAsync();
    }

    [Fact]
    public async Task No_prefix_matches_refuses_with_the_closest_prefix_and_both_directions_of_differences()
    {
        WriteThree();
        await SqlAsync(M1 + "ALTER TABLE users ADD COLUMN nickname text;\nALTER TABLE users DROP COLUMN status;\n");
        await SeedAsync();

        var ex = await Assert.ThrowsAsync<AdoptionRefusedException>(() => CreateMigrator().MigrateAsync());

        Assert.Equal("0001", ex.ClosestVersion);
        Assert.Contains("table public.users: column \"nickname\" (text) exists in the database but not after migration 0001", ex.Differences);
        Assert.Contains("table public.users: column \"status\" (public.status) exists after migration 0001 but not in the database", ex.Differences);
        Assert.Contains("nickname", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM tidemark.history"));
        Assert.Equal(0, await ShadowDatabasesAsync());
        await AssertSeedSurvivedAsync();
    }

    [Fact]
    public async Task A_tenant_schema_that_already_holds_the_objects_is_adopted_and_a_differing_one_refused_with_its_own_names()
    {
        WriteThree();
        // Schema-per-tenant, restored from a dump: tenant_a is at 0002, tenant_b differs; public holds another
        // application's table, which no tenant's comparison looks at.
        await SqlAsync("CREATE SCHEMA tenant_a; CREATE SCHEMA tenant_b; CREATE TABLE public.unrelated (id int);");
        await SqlAsync("SET search_path = tenant_a;\n" + M1 + M2 + "INSERT INTO users (email) VALUES ('ada@example.com');\nRESET search_path;");
        await SqlAsync("SET search_path = tenant_b;\n" + M1 + "ALTER TABLE users ADD COLUMN nickname text;\nRESET search_path;");
        MigratorOptions Tenant(string schema) => new() { TenantSchema = schema, HistoryTable = "history_" + schema };

        var a = await CreateMigrator(Tenant("tenant_a")).MigrateAsync();

        Assert.Equal(["0001", "0002"], a.Adopted.Select(m => m.Version));
        Assert.Equal(["0003"], a.Applied.Select(m => m.Version));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'tenant_a' AND table_name = 'users' AND column_name = 'display_name'"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tenant_a.users WHERE email = 'ada@example.com'"));
        Assert.Equal(0, await ShadowDatabasesAsync());
        Assert.True((await CreateMigrator(Tenant("tenant_a")).MigrateAsync()).NothingToDo);

        var b = await Assert.ThrowsAsync<AdoptionRefusedException>(() => CreateMigrator(Tenant("tenant_b")).MigrateAsync());
        Assert.Equal("0001", b.ClosestVersion);
        Assert.Equal(["table tenant_b.users: column \"nickname\" (text) exists in the database but not after migration 0001"], b.Differences);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM tidemark.history_tenant_b"));
    }

    [Fact]
    public async Task A_tenant_schema_whose_name_needs_quoting_is_replayed_under_that_name_and_adopted()
    {
        WriteThree();
        await SqlAsync("CREATE SCHEMA \"Acme Corp\"; SET search_path = \"Acme Corp\";\n" + M1 + "RESET search_path;");

        var result = await CreateMigrator(new MigratorOptions { TenantSchema = "Acme Corp", HistoryTable = "history_acme" }).MigrateAsync();

        Assert.Equal(["0001"], result.Adopted.Select(m => m.Version));
        Assert.Equal(["0002", "0003"], result.Applied.Select(m => m.Version));
        Assert.True(await ExistsAsync("\"Acme Corp\".device"));
    }

    [Fact]
    public async Task An_explicit_shadow_database_left_dirty_is_emptied_to_a_new_databases_state_and_the_schema_adopted()
    {
        WriteThree();
        await SqlAsync(M1 + M2);
        var shadow = await TestServer.CreateDatabaseAsync("shadow");
        const string PublicSchema = "SELECT coalesce(obj_description(oid, 'pg_namespace'), '-') || ' ' || pg_get_userbyid(nspowner) || ' ' || nspacl::text FROM pg_namespace WHERE nspname = 'public'";
        var fresh = await TestServer.ScalarAsync<string>(shadow, PublicSchema);
        await TestServer.ExecAsync(shadow, "CREATE TABLE leftover (id int); CREATE SCHEMA old_run; COMMENT ON SCHEMA public IS 'changed';");

        var result = await CreateMigrator(new MigratorOptions { Shadow = new Tidemark.Shadow.ShadowOptions { Url = shadow, AllowTemporaryDatabase = false, AllowLocalCluster = false } }).MigrateAsync();

        Assert.Equal(["0001", "0002"], result.Adopted.Select(a => a.Version));
        Assert.Equal(["0003"], result.Applied.Select(a => a.Version));
        // The shadow's public is as a new database's: comment (compared), owner and privileges.
        Assert.Equal(fresh, await TestServer.ScalarAsync<string>(shadow, PublicSchema));
        Assert.Equal(0L, await TestServer.ScalarAsync<long>(shadow, "SELECT count(*) FROM pg_namespace WHERE nspname = 'old_run'"));
    }

    [Fact]
    public async Task Eight_runners_at_once_on_a_pushed_database_adopt_once()
    {
        WriteThree();
        await SqlAsync(M1 + M2 + M3);
        await SeedAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => CreateMigrator().MigrateAsync())));

        Assert.Single(results, r => r.Adopted.Count == 3);
        Assert.All(results, r => Assert.Empty(r.Applied));
        Assert.Equal(3, await HistoryCountAsync());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tidemark.history_events WHERE kind = 'adopt'"));
        await AssertSeedSurvivedAsync();
    }

    [Fact]
    public async Task Pushed_table_with_columns_in_another_order_is_still_adopted()
    {
        WriteThree();
        // What drizzle-kit push does: the final table at once, display_name where the schema file declares it.
        await SqlAsync(M1.Replace("email text NOT NULL UNIQUE,", "display_name text, email text NOT NULL UNIQUE,", StringComparison.Ordinal) + M2 +
            "CREATE INDEX device_user_idx ON device (user_id);\n");

        var result = await CreateMigrator().MigrateAsync();

        Assert.Equal(3, result.Adopted.Count);
        Assert.Empty(result.Applied);
    }

    [Fact]
    public async Task Hand_made_idempotent_scripts_with_their_own_history_table_are_adopted_and_the_old_table_left_alone()
    {
        WriteThree();
        await SqlAsync("""
            CREATE TABLE deploy_log (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'status') THEN CREATE TYPE status AS ENUM ('active', 'blocked'); END IF;
            END $$;
            CREATE TABLE IF NOT EXISTS users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, status status NOT NULL DEFAULT 'active');
            INSERT INTO deploy_log (version) VALUES ('001');
            """);

        // With hand-made histories not recognised (RecognizeHandMadeHistory has its own tests), the old table is an
        // ordinary table the migrations do not create: refused by name, then adopted once it is ignored. (Not named
        // schema_migrations: that is dbmate's and golang-migrate's history table, imported as such.)
        var refused = await Assert.ThrowsAsync<AdoptionRefusedException>(() => CreateMigrator(new MigratorOptions { RecognizeHandMadeHistory = false }).MigrateAsync());
        Assert.Contains("table public.deploy_log exists in the database but not after migration 0001", refused.Differences);

        var result = await CreateMigrator(new MigratorOptions { IgnoredTables = ["deploy_log"], RecognizeHandMadeHistory = false }).MigrateAsync();

        Assert.Equal(["0001"], result.Adopted.Select(a => a.Version));
        Assert.Equal(["0002", "0003"], result.Applied.Select(a => a.Version));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM deploy_log"));
    }

    [Fact]
    public async Task Attribute_level_difference_is_named()
    {
        WriteThree();
        await SqlAsync(M1.Replace("email text NOT NULL UNIQUE", "email varchar(100) NOT NULL UNIQUE", StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<AdoptionRefusedException>(() => CreateMigrator().MigrateAsync());

        Assert.Contains(ex.Differences, d => d.StartsWith("table public.users: column \"email\"", StringComparison.Ordinal)
            && d.Contains("type is \"character varying(100)\" in the database but \"text\" after migration 0001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fresh_database_applies_everything_without_a_shadow()
    {
        WriteThree();
        var result = await CreateMigrator(new MigratorOptions { Shadow = NoShadow }).MigrateAsync();
        Assert.Equal(3, result.Applied.Count);
        Assert.Empty(result.Adopted);
    }

    [Fact]
    public async Task Adoption_can_be_turned_off()
    {
        WriteThree();
        await SqlAsync(M1);
        var ex = await Assert.ThrowsAsync<Tidemark.Execution.MigrationFailedException>(() => CreateMigrator(new MigratorOptions { AdoptExisting = false }).MigrateAsync());
        Assert.Equal("42710", ex.Failure.SqlState);
    }

    [Fact]
    public async Task Shadow_temporary_database_is_dropped_when_the_replay_fails_and_the_migrations_run_as_written()
    {
        // 0001 builds on a table the migrations never create (a baseline made another way): the replay fails,
        // nothing can be adopted, and the migrations run as any tool would run them.
        Folder.Write("0001_index.sql", "CREATE INDEX legacy_v_idx ON legacy (v);\n");
        await SqlAsync("CREATE TABLE legacy (v int);");
        var before = await ShadowDatabasesAsync();

        var result = await CreateMigrator().MigrateAsync();

        Assert.Equal(["0001"], result.Applied.Select(a => a.Version));
        Assert.Empty(result.Adopted);
        Assert.Contains(result.Warnings, w => w.Contains("Replaying the migrations", StringComparison.Ordinal) && w.Contains("relation \"legacy\" does not exist", StringComparison.Ordinal));
        Assert.Equal(before, await ShadowDatabasesAsync());
        Assert.Equal(0, before);
    }
}
