using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tidemark.Hosting;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.IntegrationTests.Runner;
using Tidemark.Reconciliation;

namespace Tidemark.IntegrationTests.Acceptance;

/// <summary>
/// Acceptance for issue 10 through <c>AddTidemark()</c> at application start-up: the states of
/// <see cref="ReconciliationTests"/>, built the same way (drizzle's own migrator, hand edits, the team's runner),
/// then a generic host with default options and only the connection and folder set. No flags: the host starts,
/// the database ends at drizzle's schema with the data kept, Tidemark's history complete, the other histories
/// consistent, and a second start applies nothing.
/// </summary>
public sealed class StartupReconciliationTests : RunnerTestBase
{
    private readonly Logs _logs = new();

    private IHost BuildHost(Action<TidemarkOptions>? configure = null, Logs? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = Path.GetTempPath(),
            EnvironmentName = "Testing",
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs ?? _logs);
        builder.Services.AddTidemark(o =>
        {
            o.ConnectionString = Db;
            o.Directory = Folder.Path;
            configure?.Invoke(o);
        });
        return builder.Build();
    }

    /// <summary>Starts a host with default options, checks Tidemark reports up to date, stops it.</summary>
    private async Task StartAsync(Action<TidemarkOptions>? configure = null)
    {
        using var host = BuildHost(configure);
        await host.StartAsync();
        Assert.Equal(TidemarkStatus.UpToDate, host.Services.GetRequiredService<TidemarkState>().Current.Status);
        Assert.Equal("0005", host.Services.GetRequiredService<TidemarkState>().Current.CurrentVersion);
        await host.StopAsync();
    }

    private Task<string> EventsAsync() => TestServer.ScalarAsync<string>(Db,
        "SELECT coalesce(string_agg(id || ' ' || kind || ' ' || coalesce(version, '') || ' ' || message, E'\\n' ORDER BY id), '') FROM tidemark.history_events");

    private async Task AssertSecondStartIsANoOpAsync()
    {
        var before = await DrizzleApp.CatalogIdentityAsync(Db);
        var history = await DrizzleApp.HistoryAsync(Db);
        var historyRows = await TestServer.ScalarAsync<string>(Db, "SELECT string_agg(id || ' ' || version || ' ' || applied_at, ' ' ORDER BY id) FROM tidemark.history");
        var drizzle = await DrizzleApp.DrizzleRowsAsync(Db);
        var events = await EventsAsync();
        var again = new Logs();

        using (var host = BuildHost(logs: again))
        {
            await host.StartAsync();
            Assert.Equal(TidemarkStatus.UpToDate, host.Services.GetRequiredService<TidemarkState>().Current.Status);
            await host.StopAsync();
        }

        var done = Assert.Single(again.WithId(5004));
        Assert.Contains("0 migrations applied at start-up", done.Message, StringComparison.Ordinal);
        Assert.Empty(again.WithId(7000));
        Assert.Empty(again.WithId(7001));
        Assert.Equal(before, await DrizzleApp.CatalogIdentityAsync(Db));
        Assert.Equal(history, await DrizzleApp.HistoryAsync(Db));
        Assert.Equal(historyRows, await TestServer.ScalarAsync<string>(Db, "SELECT string_agg(id || ' ' || version || ' ' || applied_at, ' ' ORDER BY id) FROM tidemark.history"));
        Assert.Equal(drizzle, await DrizzleApp.DrizzleRowsAsync(Db));
        Assert.Equal(events, await EventsAsync());
    }

    [Fact]
    public async Task Hand_idempotent_scripts_recorded_by_the_teams_runner_are_imported_at_start_up_and_the_rest_applied()
    {
        await DrizzleApp.TeamRunnerAsync(Db, 4);
        var teamRows = await TestServer.ScalarAsync<string>(Db, DrizzleApp.TeamTableRowsSql);
        DrizzleApp.CopyMigrations(Folder);

        await StartAsync();

        var imported = Assert.Single(_logs.WithId(7001));
        Assert.Contains("Imported 4 of the migrations (0000–0003)", imported.Message, StringComparison.Ordinal);
        Assert.Contains("migrations_applied", imported.Message, StringComparison.Ordinal);
        Assert.Equal("0000:adopted 0001:adopted 0002:adopted 0003:adopted 0004:versioned 0005:versioned", await DrizzleApp.HistoryAsync(Db));
        Assert.Equal(DrizzleApp.Files, (await TestServer.ScalarAsync<string>(Db, "SELECT string_agg(path, ' ' ORDER BY version) FROM tidemark.history")).Split(' '));
        await DrizzleApp.AssertReconciledAsync(Db);

        // The team's table is read, never written: same rows, same timestamps.
        Assert.Equal(teamRows, await TestServer.ScalarAsync<string>(Db, DrizzleApp.TeamTableRowsSql));
        await AssertSecondStartIsANoOpAsync();
        Assert.Equal(teamRows, await TestServer.ScalarAsync<string>(Db, DrizzleApp.TeamTableRowsSql));
    }

    [Fact]
    public async Task Half_applied_migration_after_drizzles_migrator_is_completed_at_start_up()
    {
        await DrizzleApp.HalfAppliedAfterDrizzleAsync(Db);
        DrizzleApp.CopyMigrations(Folder);

        await StartAsync();

        Assert.Contains("adopt 0005 Completed the half-applied 0005_delivery_events.sql", await EventsAsync(), StringComparison.Ordinal);
        var reconciled = Assert.Single(_logs.WithId(7007));
        Assert.Contains("table \"delivery_events\" already exists; skipped", reconciled.Message, StringComparison.Ordinal);
        Assert.Contains("index delivery_events_delivery_at_idx does not exist on \"delivery_events\" (or is INVALID); executed", reconciled.Message, StringComparison.Ordinal);
        Assert.Equal("0000:adopted 0001:adopted 0002:adopted 0003:adopted 0004:adopted 0005:versioned", await DrizzleApp.HistoryAsync(Db));
        await DrizzleApp.AssertReconciledAsync(Db);
        Assert.Equal("6 rows, 6 distinct", await DrizzleApp.DrizzleCountsAsync(Db));
        await AssertSecondStartIsANoOpAsync();

        // drizzle's own migrator agrees: nothing left to do.
        var drizzle = await Node.RunAsync("drizzle-migrate.mjs", Node.Url(Db), Folder.Path);
        Assert.True(drizzle.ExitCode == 0, drizzle.All);
        Assert.Equal("6 rows, 6 distinct", await DrizzleApp.DrizzleCountsAsync(Db));
    }

    [Fact]
    public async Task Enum_value_added_by_hand_before_its_migration_is_recognised_as_done_at_start_up()
    {
        await DrizzleApp.EnumValueAddedByHandAsync(Db);
        DrizzleApp.CopyMigrations(Folder);

        await StartAsync();

        var reconciled = Assert.Single(_logs.WithId(7007));
        Assert.Contains("enum \"public\".\"delivery_status\" already has the value 'bounced'; skipped", reconciled.Message, StringComparison.Ordinal);
        Assert.Contains("adopt 0004 Completed the half-applied 0004_add_bounced_status.sql", await EventsAsync(), StringComparison.Ordinal);
        Assert.Equal("0000:adopted 0001:adopted 0002:adopted 0003:adopted 0004:versioned 0005:versioned", await DrizzleApp.HistoryAsync(Db));
        await DrizzleApp.AssertReconciledAsync(Db);
        await AssertSecondStartIsANoOpAsync();
    }

    [Fact]
    public async Task Drift_after_drizzles_migrator_stops_the_start_up_naming_table_and_column_and_starts_with_DriftPolicy_Warn()
    {
        await DrizzleApp.DriftAfterDrizzleAsync(Db);
        DrizzleApp.CopyMigrations(Folder);
        var before = await DrizzleApp.CatalogIdentityAsync(Db);
        var drizzleRows = await DrizzleApp.DrizzleRowsAsync(Db);

        using (var refused = BuildHost())
        {
            var ex = await Assert.ThrowsAsync<DriftDetectedException>(() => refused.StartAsync());
            Assert.Contains("public.devices: column \"debug\"", ex.Message, StringComparison.Ordinal);
            Assert.Contains(ex.Report.Differences, d => d.Contains("public.devices", StringComparison.Ordinal) && d.Contains("\"debug\"", StringComparison.Ordinal));
            var state = refused.Services.GetRequiredService<TidemarkState>().Current;
            Assert.Equal(TidemarkStatus.Failed, state.Status);
            Assert.Contains("debug", state.LastError, StringComparison.Ordinal);
            var error = Assert.Single(_logs.WithId(5020));
            Assert.Equal(LogLevel.Error, error.Level);
            Assert.Contains("public.devices: column \"debug\"", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("no migration history", error.Message, StringComparison.OrdinalIgnoreCase);

            // The way out names the application's setting, not the CLI's flag.
            Assert.Contains("Tidemark:DriftPolicy", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("--drift", error.Message, StringComparison.Ordinal);
        }

        // Nothing recorded, nothing changed.
        Assert.False(await ExistsAsync("tidemark.history") && await CountAsync("SELECT count(*) FROM tidemark.history") > 0);
        Assert.Equal(before, await DrizzleApp.CatalogIdentityAsync(Db));
        Assert.Equal(drizzleRows, await DrizzleApp.DrizzleRowsAsync(Db));

        await StartAsync(o => o.DriftPolicy = DriftPolicy.Warn);

        var warning = Assert.Single(_logs.WithId(7004));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("debug", warning.Message, StringComparison.Ordinal);
        Assert.Equal(string.Join(' ', DrizzleApp.Versions.Select(v => v + ":adopted")), await DrizzleApp.HistoryAsync(Db));
        Assert.Equal(string.Join(' ', DrizzleApp.ExpectedDrizzleRows()), await DrizzleApp.DrizzleRowsAsync(Db));
        Assert.Equal(before, await DrizzleApp.CatalogIdentityAsync(Db));
        await DrizzleApp.AssertSeedAsync(Db);
        await AssertSecondStartIsANoOpAsync();
    }

    [Fact]
    public async Task Eight_hosts_starting_at_once_on_a_half_applied_database_complete_it_once()
    {
        await DrizzleApp.HalfAppliedAfterDrizzleAsync(Db);
        DrizzleApp.CopyMigrations(Folder);

        var hosts = Enumerable.Range(0, 8).Select(_ => BuildHost()).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(h => Task.Run(() => h.StartAsync())));
            Assert.All(hosts, h => Assert.Equal(TidemarkStatus.UpToDate, h.Services.GetRequiredService<TidemarkState>().Current.Status));
            await Task.WhenAll(hosts.Select(h => h.StopAsync()));
        }
        finally
        {
            hosts.ForEach(h => h.Dispose());
        }

        Assert.Single(_logs.WithId(7007));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tidemark.history_events WHERE message LIKE 'Completed the half-applied%'"));
        await DrizzleApp.AssertReconciledAsync(Db);
        Assert.Equal("6 rows, 6 distinct", await DrizzleApp.DrizzleCountsAsync(Db));
        Assert.Equal(6, await CountAsync("SELECT count(*) FROM tidemark.history"));
    }

    /// <summary>Keeps every log entry of the hosts, so tests can assert on event ids.</summary>
    private sealed class Logs : ILoggerProvider
    {
        private readonly ConcurrentQueue<(int EventId, LogLevel Level, string Message)> _entries = new();

        public IEnumerable<(int EventId, LogLevel Level, string Message)> WithId(int id) => _entries.Where(e => e.EventId == id);

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(Logs sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink._entries.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
        }
    }
}
