using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using Tidemark.Hosting.Tests.Infrastructure;

namespace Tidemark.Hosting.Tests;

public sealed class TelemetryTests : HostTestBase
{
    [Fact]
    public async Task One_run_span_and_one_child_span_per_applied_migration()
    {
        Folder.Write("0001_a.sql", "CREATE TABLE a (id int);\n");
        Folder.Write("0002_b.sql", "CREATE TABLE b (id int);\n");
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == TidemarkTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        using var host = BuildHost();
        await host.StartAsync();
        await host.StopAsync();

        var database = new NpgsqlConnectionStringBuilder(Db).Database;
        var run = Assert.Single(stopped, a => a.OperationName == TidemarkTelemetry.RunActivityName
            && ((string?)a.GetTagItem("tidemark.database"))?.EndsWith("/" + database, StringComparison.Ordinal) == true);
        Assert.Equal(ActivityStatusCode.Unset, run.Status);
        var migrations = stopped.Where(a => a.OperationName == TidemarkTelemetry.MigrationActivityName && a.ParentSpanId == run.SpanId).ToList();
        Assert.Equal(["0001", "0002"], migrations.Select(m => (string?)m.GetTagItem("tidemark.migration.version")));
        Assert.All(migrations, m => Assert.Equal(run.TraceId, m.TraceId));
    }
}
