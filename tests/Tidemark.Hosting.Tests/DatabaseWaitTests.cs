using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tidemark.Hosting.Tests.Infrastructure;

namespace Tidemark.Hosting.Tests;

public sealed class DatabaseWaitTests : HostTestBase
{
    [Fact]
    public async Task The_host_retries_until_the_server_starts_then_migrates()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE waited_for (id int);\n");
        var port = FreePort();
        var cs = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
        using var host = BuildHost(o =>
        {
            o.ConnectionString = cs;
            o.StartupTimeout = TimeSpan.FromSeconds(60);
        });

        var start = host.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(start.IsCompleted);
        Assert.NotEmpty(Logs.WithId(5002));

        await using var server = await Tidemark.Shadow.LocalPostgres.StartAsync(port);
        var done = await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.Same(start, done);
        await start;

        var retries = Logs.WithId(5002).ToList();
        Assert.True(retries.Count >= 2, $"expected several logged attempts, got {retries.Count}");
        Assert.All(retries, r => Assert.Equal(LogLevel.Warning, r.Level));
        Assert.Contains("connection refused", retries[0].Message, StringComparison.Ordinal);
        // One sentence, one stop: "… on that port); retrying in …", never "port).; retrying".
        Assert.All(retries, r => Assert.DoesNotContain(".;", r.Message, StringComparison.Ordinal));
        Assert.Contains("port); retrying in", retries[0].Message, StringComparison.Ordinal);
        Assert.Single(Logs.WithId(5003));
        await using (var c = new NpgsqlConnection(server.ConnectionString))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT to_regclass('waited_for') IS NOT NULL", c);
            Assert.True((bool)(await cmd.ExecuteScalarAsync())!);
        }

        await host.StopAsync();
        host.Dispose();
    }

    [Fact]
    public async Task The_host_gives_up_after_StartupTimeout_with_a_clear_failure()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE never (id int);\n");
        var port = FreePort();
        using var host = BuildHost(o =>
        {
            o.ConnectionString = $"postgres://postgres@127.0.0.1:{port}/postgres";
            o.StartupTimeout = TimeSpan.FromSeconds(2);
        });

        var ex = await Assert.ThrowsAnyAsync<TidemarkException>(() => host.StartAsync());

        Assert.Contains("did not accept connections within 2s", ex.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Tidemark:StartupTimeout", ex.NextStep, StringComparison.Ordinal);
        Assert.Single(Logs.WithId(5022));
        Assert.True(Logs.WithId(5002).Count() >= 2);
    }

    [Fact]
    public async Task A_wrong_password_fails_at_once_without_retrying()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE never (id int);\n");
        await TestServer.ExecAsync(TestServer.AdminConnectionString,
            "DO $$ BEGIN CREATE ROLE tm_password_user LOGIN PASSWORD 'right'; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        var b = new NpgsqlConnectionStringBuilder(Db) { Username = "tm_password_user", Password = "wrong" };
        using var host = BuildHost(o => o.ConnectionString = b.ConnectionString);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ex = await Assert.ThrowsAnyAsync<TidemarkException>(() => host.StartAsync());

        Assert.Contains("Cannot log in", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Logs.WithId(5002));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
