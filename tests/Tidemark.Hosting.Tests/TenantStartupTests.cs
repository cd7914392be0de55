using Tidemark.Fleet;
using Tidemark.Hosting.Tests.Infrastructure;

namespace Tidemark.Hosting.Tests;

/// <summary>A fleet at start-up: tenants from configuration-bound options, a query or a delegate, each an independent run.</summary>
public sealed class TenantStartupTests : HostTestBase
{
    [Fact]
    public async Task Tenant_schemas_from_a_query_and_a_delegate_are_each_migrated_before_the_host_starts()
    {
        Folder.Write("0001_items.sql", "CREATE TABLE items (id int PRIMARY KEY);\n");
        Folder.Write("0002_more.sql", "ALTER TABLE items ADD COLUMN name text;\n");
        await TestServer.ExecAsync(Db, "CREATE TABLE public.tenants (s text); INSERT INTO public.tenants VALUES ('north'), ('south');");
        using var host = BuildHost(o =>
        {
            o.TenantSchemasQuery = "SELECT s FROM public.tenants ORDER BY 1";
            o.TenantsProvider = _ => Task.FromResult<IReadOnlyList<MigrationTarget>>([new MigrationTarget("east", Db, "east")]);
            o.TenantParallelism = 2;
        });

        await host.StartAsync();

        foreach (var tenant in new[] { "north", "south", "east" })
        {
            Assert.Equal(2, await CountAsync($"SELECT count(*) FROM tidemark.history_{tenant}"));
            Assert.Equal(1, await CountAsync($"SELECT count(*) FROM information_schema.columns WHERE table_schema = '{tenant}' AND table_name = 'items' AND column_name = 'name'"));
        }

        Assert.False(await TableExistsAsync("items"));
        Assert.Single(Logs.WithId(5030));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_failing_tenant_stops_the_host_naming_it()
    {
        Folder.Write("0001_items.sql", "CREATE TABLE items (id int PRIMARY KEY);\nDO $$ BEGIN IF current_schema() = 'bad' THEN RAISE EXCEPTION 'tenant bad refuses'; END IF; END $$;\n");
        using var host = BuildHost(o =>
        {
            o.Tenants.Add(new TidemarkTenant { Name = "good", TenantSchema = "good" });
            o.Tenants.Add(new TidemarkTenant { Name = "bad", TenantSchema = "bad" });
            o.ContinueOnTenantError = true;
        });

        var ex = await Assert.ThrowsAsync<TidemarkException>(() => host.StartAsync());
        Assert.Contains("1 of 2 tenants were not migrated", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bad: 0001: P0001: tenant bad refuses", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tidemark.history_good"));
    }
}
