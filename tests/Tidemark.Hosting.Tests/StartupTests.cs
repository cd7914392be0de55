using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tidemark.Execution;
using Tidemark.Hosting.Tests.Infrastructure;

namespace Tidemark.Hosting.Tests;

public sealed class StartupTests : HostTestBase
{
    [Fact]
    public async Task A_second_hosted_service_sees_every_migration_applied_when_its_StartAsync_runs()
    {
        Folder.Write("0001_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);\n");
        Folder.Write("0002_posts.sql", "CREATE TABLE posts (id int PRIMARY KEY, user_id int REFERENCES users(id));\n");
        var observation = new Observation(Db);
        using var host = BuildHost(more: b =>
        {
            b.Services.AddSingleton(observation);
            b.Services.AddHostedService<Observer>();
        });

        await host.StartAsync();

        Assert.True(observation.Started);
        Assert.Equal(2, observation.AppliedRows);
        Assert.True(observation.PostsExists);
        Assert.Equal(TidemarkStatus.UpToDate, observation.StatusAtStart);
        var health = await HealthAsync(host);
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal("0002", health.Data["current_version"]);
        Assert.Equal(0, health.Data["pending_count"]);
        Assert.Single(Logs.WithId(5004));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_failing_migration_stops_the_host_before_other_services_and_names_file_and_line()
    {
        Folder.Write("0001_ok.sql", "CREATE TABLE ok (id int PRIMARY KEY);\n");
        var bad = Folder.Write("0002_bad.sql", "-- orders\nCREATE TABLE orders (id int PRIMARY KEY);\nCREATE TABLE lines (qty INTEGR NOT NULL);\n");
        var observation = new Observation(Db);
        using var host = BuildHost(more: b =>
        {
            b.Services.AddSingleton(observation);
            b.Services.AddHostedService<Observer>();
        });

        var ex = await Assert.ThrowsAsync<MigrationFailedException>(() => host.StartAsync());

        Assert.Contains(bad, ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, ex.Failure.Line);
        Assert.False(observation.Started);
        Assert.False(await TableExistsAsync("orders"));
        Assert.True(await TableExistsAsync("ok"));
        var error = Assert.Single(Logs.WithId(5020));
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Contains("0002_bad.sql", error.Message, StringComparison.Ordinal);

        var health = await HealthAsync(host);
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains("0002_bad.sql", (string)health.Data["last_error"], StringComparison.Ordinal);
        Assert.Equal("0001", health.Data["current_version"]);
    }

    [Fact]
    public async Task Stopping_the_host_during_a_migration_rolls_it_back_and_logs_a_cancellation_warning_not_a_failure()
    {
        Folder.Write("0001_slow.sql", "CREATE TABLE slow_table (id int);\nSELECT pg_sleep(30);\n");
        using var host = BuildHost();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var state = host.Services.GetRequiredService<TidemarkState>();

        var start = host.StartAsync();
        await WaitUntilAsync(async () => await CountAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()") > 0, "the slow migration runs");
        Assert.Equal(TidemarkStatus.Migrating, state.Current.Status);
        var health = await HealthAsync(host);
        Assert.Equal(HealthStatus.Degraded, health.Status);

        lifetime.StopApplication();
        var finished = await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(15)));
        Assert.Same(start, finished);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => start);

        Assert.False(await TableExistsAsync("slow_table"));
        Assert.Equal(0, await AppliedCountAsync());
        Assert.Equal(TidemarkStatus.Cancelled, state.Current.Status);
        var warning = Assert.Single(Logs.WithId(5010));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("cancelled", warning.Message, StringComparison.Ordinal);
        Assert.Empty(Logs.WithId(5020));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"));
    }

    [Fact]
    public async Task Mode_Off_starts_without_a_connection_and_reports_healthy()
    {
        var observation = new Observation(Db);
        using var host = HostFactory.Build(Logs, o => o.Mode = TidemarkMode.Off, more: b =>
        {
            b.Services.AddSingleton(observation);
            b.Services.AddHostedService<Observer>();
        });

        await host.StartAsync();

        Assert.True(observation.Started);
        Assert.Equal(0, observation.AppliedRows);
        Assert.Single(Logs.WithId(5001));
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync(host)).Status);
        await host.StopAsync();
    }

    internal sealed class Observation(string connectionString)
    {
        public string ConnectionString { get; } = connectionString;

        public bool Started { get; set; }

        public long AppliedRows { get; set; }

        public bool PostsExists { get; set; }

        public TidemarkStatus StatusAtStart { get; set; }
    }

    internal sealed class Observer(Observation observation, TidemarkState state) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            observation.Started = true;
            observation.StatusAtStart = state.Current.Status;
            await using var c = new NpgsqlConnection(observation.ConnectionString);
            await c.OpenAsync(cancellationToken);
            await using var cmd = new NpgsqlCommand("SELECT to_regclass('tidemark.history') IS NOT NULL, to_regclass('posts') IS NOT NULL", c);
            bool historyExists;
            await using (var r = await cmd.ExecuteReaderAsync(cancellationToken))
            {
                await r.ReadAsync(cancellationToken);
                historyExists = r.GetBoolean(0);
                observation.PostsExists = r.GetBoolean(1);
            }

            if (historyExists)
            {
                await using var count = new NpgsqlCommand("SELECT count(*) FROM tidemark.history WHERE status = 'applied'", c);
                observation.AppliedRows = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
