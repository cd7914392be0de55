using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Npgsql;
using Tidemark.Catalog;
using Tidemark.Connections;
using Tidemark.Diagnostics;
using Tidemark.Diff;
using Tidemark.Execution;
using Tidemark.IntegrationTests.Runner;
using Tidemark.Reconciliation;

namespace Tidemark.IntegrationTests.PublicApi;

/// <summary>What `tidemark inspect` and `tidemark diff` do can be done from C# with the public API; metrics are recorded.</summary>
public sealed class PublicApiTests : RunnerTestBase
{
    [Fact]
    public void Only_test_projects_see_the_library_internals()
    {
        var friends = typeof(Migrator).Assembly.GetCustomAttributes(typeof(InternalsVisibleToAttribute), false)
            .Cast<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["Tidemark.Hosting.Tests", "Tidemark.IntegrationTests", "Tidemark.Tests"], friends);
    }

    [Fact]
    public async Task A_catalog_read_and_a_diff_with_hazards_from_the_public_api()
    {
        var other = await TestServer.CreateDatabaseAsync("pubapi");
        await TestServer.ExecAsync(Db, "CREATE TABLE users (id int PRIMARY KEY, email text, nickname text)");
        await TestServer.ExecAsync(other, "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL)");
        await using var from = NpgsqlDataSource.Create(Db);
        await using var to = NpgsqlDataSource.Create(other);

        var a = await SchemaCatalog.ReadAsync(from);
        var b = await SchemaCatalog.ReadAsync(to);
        var diff = SchemaDiff.Between(a, b);

        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
        Assert.Equal(1, a.RoundTrips);
        Assert.Contains("table public.users", a.ToText(), StringComparison.Ordinal);
        var drop = Assert.Single(diff.Changes, c => c.Kind == ChangeKind.Drop);
        Assert.Equal("column:public.users.nickname", drop.ObjectKey);
        Assert.True(drop.Hazards.HasFlag(Hazards.DataLoss));
        Assert.StartsWith("drop column public.users.nickname", drop.Description, StringComparison.Ordinal);
        Assert.Contains(diff.Changes, c => c.Hazards.HasFlag(Hazards.FullTableScan));
        Assert.True(SchemaDiff.Between(b, b).IsEmpty);
    }

    [Fact]
    public async Task An_unreachable_database_is_a_connection_failed_exception()
    {
        await using var nowhere = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=2");

        var ex = await Assert.ThrowsAsync<ConnectionFailedException>(() => SchemaCatalog.ReadAsync(nowhere));

        Assert.Contains("Cannot connect to postgres://x@127.0.0.1:1/x", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.NextStep);
    }

    [Fact]
    public async Task The_Tidemark_meter_records_applied_durations_lock_wait_failures_and_drift()
    {
        var database = new NpgsqlConnectionStringBuilder(Db).Database!;
        var measurements = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TidemarkMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var t = new Dictionary<string, object?>();
            foreach (var kv in tags)
            {
                t[kv.Key] = kv.Value;
            }

            if (Equals(t.GetValueOrDefault("db.namespace"), database))
            {
                lock (measurements)
                {
                    measurements.Add((instrument.Name, value, t));
                }
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();

        Folder.Write("0001_users.sql", "CREATE TABLE users (id int);\n");
        Folder.Write("0002_slow.sql", "SELECT pg_sleep(0.1);\nCREATE TABLE slow (id int);\n");
        await CreateMigrator().MigrateAsync();
        Folder.Write("0003_bad.sql", "CREATE TABLE bad (x integr);\n");
        await Assert.ThrowsAsync<MigrationFailedException>(() => CreateMigrator().MigrateAsync());
        Folder.Delete("0003_bad.sql");
        await TestServer.ExecAsync(Db, "ALTER TABLE users ADD COLUMN debug text");
        Folder.Write("0003_more.sql", "CREATE TABLE more (id int);\n");
        await Assert.ThrowsAsync<DriftDetectedException>(() => CreateMigrator(new MigratorOptions { ShadowServerConnectionString = TestServer.AdminConnectionString }).MigrateAsync());

        List<(string Instrument, double Value, Dictionary<string, object?> Tags)> seen;
        lock (measurements)
        {
            seen = [.. measurements];
        }

        Assert.Equal(2, seen.Where(m => m.Instrument == TidemarkMetrics.MigrationsApplied).Sum(m => m.Value));
        var durations = seen.Where(m => m.Instrument == TidemarkMetrics.MigrationDuration).Select(m => m.Value).ToList();
        Assert.Equal(2, durations.Count);
        Assert.Contains(durations, d => d >= 100);
        Assert.Single(seen, m => m.Instrument == TidemarkMetrics.LockWait);
        var failures = seen.Where(m => m.Instrument == TidemarkMetrics.Failures).Select(m => (string?)m.Tags["error.type"]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["drift_detected", "migration_failed"], failures);
        Assert.Single(seen, m => m.Instrument == TidemarkMetrics.DriftDetected);
    }
}
