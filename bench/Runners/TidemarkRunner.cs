using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Tidemark;

namespace Bench;

/// <summary>Tidemark in-process: times MigrateAsync inside the process; with --twice also a second (warm, JIT done) call.</summary>
internal static class TidemarkRunner
{
    public static async Task RunAsync(string dir, string conn, bool twice, bool oneTransaction)
    {
        var processStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        await using var dataSource = NpgsqlDataSource.Create(conn);
        var options = new MigratorOptions
        {
            Directory = dir,
            TransactionMode = oneTransaction ? TransactionMode.All : TransactionMode.PerMigration,
        };

        var t0 = Stopwatch.GetTimestamp();
        var first = await new Migrator(dataSource, options).MigrateAsync();
        var coldMs = Timing.Ms(t0);
        var sinceStartMs = (DateTime.UtcNow - processStart).TotalMilliseconds;

        double? warmMs = null;
        int? warmCommands = null;
        if (twice)
        {
            var commands = 0;
            using var listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStarted = _ => Interlocked.Increment(ref commands),
            };
            ActivitySource.AddActivityListener(listener);
            var t1 = Stopwatch.GetTimestamp();
            var second = await new Migrator(dataSource, options).MigrateAsync();
            warmMs = Timing.Ms(t1);
            warmCommands = commands;
            if (!second.NothingToDo)
            {
                throw new InvalidOperationException("second run applied migrations");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"applied\":{first.Applied.Count},\"fast_path\":{(first.FastPath ? "true" : "false")},\"cold_ms\":{coldMs:F3},\"process_to_done_ms\":{sinceStartMs:F1},\"warm_ms\":{(warmMs is null ? "null" : warmMs.Value.ToString("F3", CultureInfo.InvariantCulture))},\"warm_commands\":{(warmCommands?.ToString(CultureInfo.InvariantCulture) ?? "null")}}}"));
    }
}
