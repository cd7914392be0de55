using Tidemark.Hosting.Tests.Infrastructure;

namespace Tidemark.Hosting.Tests;

public sealed class ValidateModeTests : HostTestBase
{
    [Fact]
    public async Task Validate_refuses_to_start_with_pending_migrations_names_them_and_applies_nothing()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        using (var first = BuildHost())
        {
            await first.StartAsync();
            await first.StopAsync();
        }

        Folder.Write("0002_add_b.sql", "CREATE TABLE b (id int);\n");
        Folder.Write("0003_add_c.sql", "CREATE TABLE c (id int);\n");
        using var host = BuildHost(o => o.Mode = TidemarkMode.Validate);

        var ex = await Assert.ThrowsAsync<TidemarkNotUpToDateException>(() => host.StartAsync());

        Assert.Equal(["0002", "0003"], ex.PendingVersions);
        Assert.Contains("2 pending migrations", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0002 (add_b)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0003 (add_c)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Tidemark:Mode", ex.Message, StringComparison.Ordinal);
        Assert.False(await TableExistsAsync("b"));
        Assert.Equal(1, await AppliedCountAsync());
        Assert.Single(Logs.WithId(5021));
        var health = await HealthAsync(host);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, health.Status);
        Assert.Equal(2, health.Data["pending_count"]);
    }

    [Fact]
    public async Task Validate_refuses_when_an_applied_file_changed_and_starts_when_up_to_date()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        using (var first = BuildHost())
        {
            await first.StartAsync();
            await first.StopAsync();
        }

        using (var ok = BuildHost(o => o.Mode = TidemarkMode.Validate))
        {
            await ok.StartAsync();
            Assert.Single(Logs.WithId(5005));
            await ok.StopAsync();
        }

        Folder.Write("0001_a.sql", "CREATE TABLE a (id bigint);\n");
        using var host = BuildHost(o => o.Mode = TidemarkMode.Validate);
        var ex = await Assert.ThrowsAsync<TidemarkNotUpToDateException>(() => host.StartAsync());
        Assert.Contains("0001", ex.Message, StringComparison.Ordinal);
        Assert.Single(ex.Problems);
        Assert.Equal(Planning.ProblemKind.ChecksumChanged, ex.Problems[0].Kind);
    }
}
