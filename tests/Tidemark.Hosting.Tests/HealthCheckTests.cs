using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Tidemark.Hosting.Tests.Infrastructure;

namespace Tidemark.Hosting.Tests;

public sealed class HealthCheckTests : HostTestBase
{
    [Fact]
    public async Task Degraded_while_another_session_holds_the_migration_lock_then_Healthy()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        await using var holder = await OpenAsync(Db);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({Tidemark.Locking.MigrationLock.KeyFor("tidemark", "history")})", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        using var host = BuildHost();
        var start = host.StartAsync();
        HealthReportEntry entry = default;
        await WaitUntilAsync(async () =>
        {
            entry = await HealthAsync(host);
            return entry.Status == HealthStatus.Degraded && (string)entry.Data["status"] == nameof(TidemarkStatus.WaitingForLock);
        }, "the health check reports waiting for the lock");
        Assert.Contains($"pid {holder.ProcessID}", (string)entry.Data["lock_holder"], StringComparison.Ordinal);
        Assert.Contains("migration lock", entry.Description, StringComparison.Ordinal);
        Assert.False(start.IsCompleted);

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({Tidemark.Locking.MigrationLock.KeyFor("tidemark", "history")})", holder))
        {
            await release.ExecuteNonQueryAsync();
        }

        await start;
        entry = await HealthAsync(host);
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal("0001", entry.Data["current_version"]);
        Assert.Equal(0, entry.Data["pending_count"]);
        Assert.False(entry.Data.ContainsKey("last_error"));
        await host.StopAsync();
    }

    [Fact]
    public async Task Unhealthy_after_a_failure_with_the_error_and_pending_count()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        Folder.Write("0002_b.sql", "CREATE TABLE a (id int);\n");
        using var host = BuildHost();
        await Assert.ThrowsAsync<Execution.MigrationFailedException>(() => host.StartAsync());

        var entry = await HealthAsync(host);
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal(nameof(TidemarkStatus.Failed), entry.Data["status"]);
        Assert.Contains("already exists", (string)entry.Data["last_error"], StringComparison.Ordinal);
        Assert.Equal("0001", entry.Data["current_version"]);
        Assert.Equal(1, entry.Data["pending_count"]);
    }

    [Fact]
    public async Task Degraded_before_the_runner_starts()
    {
        using var host = BuildHost();
        var entry = await HealthAsync(host);
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal(nameof(TidemarkStatus.NotStarted), entry.Data["status"]);
        Assert.Single(host.Services.GetServices<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Single().Value.Registrations);
    }
}
