using System.Diagnostics;
using System.Globalization;
using Bench;

// bench-runner <tool> <migrations folder> <Npgsql connection string> [--twice] [--one-transaction (tidemark: TransactionMode.All)]
// One runner per process. Exit 0 on success, 1 on a migration failure (message on stderr), 2 on bad usage.
if (args.Length >= 1 && args[0] == "hello")
{
    Console.WriteLine("hello");
    return 0;
}

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: bench-runner tidemark|dbup|evolve|fluentmigrator|efcore <dir> <connection string> [--twice] [--one-transaction]");
    return 2;
}

var (tool, dir, conn) = (args[0], args[1], args[2]);
var twice = args.Contains("--twice");
try
{
    switch (tool)
    {
        case "tidemark":
            await TidemarkRunner.RunAsync(dir, conn, twice, args.Contains("--one-transaction"));
            break;
        case "dbup":
            DbUpRunner.Run(dir, conn);
            break;
        case "evolve":
            EvolveRunner.Run(dir, conn);
            break;
        case "fluentmigrator":
            FluentMigratorRunner.Run(dir, conn);
            break;
        case "efcore":
            await EfCoreRunner.RunAsync(dir, conn);
            break;
        default:
            Console.Error.WriteLine($"unknown tool {tool}");
            return 2;
    }

    return 0;
}
catch (Exception ex)
{
    // Messages only (no stack trace: a stack trace names this runner's own source lines, not the migration's).
    for (var e = ex; e is not null; e = e.InnerException)
    {
        Console.Error.WriteLine($"{e.GetType().Name}: {e.Message}");
        if (Environment.GetEnvironmentVariable("BENCH_TRACE") == "1") Console.Error.WriteLine(e.StackTrace);
        if (e is Npgsql.PostgresException pg)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  SQLSTATE {pg.SqlState}; position {pg.Position}; detail {pg.Detail}; where {pg.Where}"));
        }
    }

    return 1;
}

namespace Bench
{
    internal static class Timing
    {
        public static double Ms(long startTicks) => Stopwatch.GetElapsedTime(startTicks).TotalMilliseconds;
    }
}
