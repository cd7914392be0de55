using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Tidemark.Hosting.Tests.Infrastructure;

/// <summary>A fresh database, a migrations folder and a log sink per test.</summary>
public abstract class HostTestBase : IAsyncLifetime
{
    internal TempFolder Folder { get; } = new();

    internal LogSink Logs { get; } = new();

    protected string Db { get; private set; } = "";

    public virtual async Task InitializeAsync() => Db = await TestServer.CreateDatabaseAsync("host");

    public virtual Task DisposeAsync()
    {
        Folder.Dispose();
        return Task.CompletedTask;
    }

    internal IHost BuildHost(Action<TidemarkOptions>? configure = null, Action<HostApplicationBuilder>? more = null) =>
        HostFactory.Build(Logs, o =>
        {
            o.ConnectionString = Db;
            o.Directory = Folder.Path;
            configure?.Invoke(o);
        }, more: more);

    protected Task<long> CountAsync(string sql) => TestServer.ScalarAsync<long>(Db, sql);

    protected async Task<bool> TableExistsAsync(string name) =>
        await TestServer.ScalarAsync<bool>(Db, $"SELECT to_regclass('{name}') IS NOT NULL");

    protected async Task<long> AppliedCountAsync() =>
        await TestServer.ScalarAsync<bool>(Db, "SELECT to_regclass('tidemark.history') IS NOT NULL")
            ? await CountAsync("SELECT count(*) FROM tidemark.history")
            : 0;

    protected static async Task<HealthReportEntry> HealthAsync(IHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries["tidemark"];
    }

    protected static async Task<NpgsqlConnection> OpenAsync(string cs)
    {
        var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        return c;
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing after <paramref name="seconds"/>.</summary>
    protected static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Timed out after {seconds}s waiting until {what}");
            }

            await Task.Delay(50);
        }
    }
}
