using System.Diagnostics;
using System.Diagnostics.Metrics;
using Npgsql;
using Tidemark.Connections;
using Tidemark.Execution;
using Tidemark.Locking;
using Tidemark.Planning;
using Tidemark.Reconciliation;
using Tidemark.Recovery;
using Tidemark.Sources;
using Tidemark.Sql;

namespace Tidemark;

/// <summary>
/// Metrics: a <see cref="Meter"/> named <c>Tidemark</c>, recorded by every <see cref="Migrator.MigrateAsync"/> (at
/// start-up, from the CLI, or called directly). Every measurement carries the tag <c>db.namespace</c> (the
/// database name). Subscribe with OpenTelemetry's <c>AddMeter("Tidemark")</c> or a <see cref="MeterListener"/>.
/// </summary>
public static class TidemarkMetrics
{
    /// <summary>The <see cref="Meter"/> name to subscribe to.</summary>
    public const string MeterName = "Tidemark";

    /// <summary>Counter: migrations applied (tag <c>tidemark.migration.kind</c>: versioned or repeatable).</summary>
    public const string MigrationsApplied = "tidemark.migrations.applied";

    /// <summary>Histogram (ms): how long each applied migration took, as its history row records it.</summary>
    public const string MigrationDuration = "tidemark.migration.duration";

    /// <summary>Histogram (ms): how long a run waited for the migration lock (0 when it was free).</summary>
    public const string LockWait = "tidemark.lock.wait";

    /// <summary>Counter: failed runs, by <c>error.type</c> (migration_failed, validation_failed, adoption_refused, drift_detected, lock_timeout, connection_failed, bad_input, cancelled, error).</summary>
    public const string Failures = "tidemark.failures";

    /// <summary>Counter: runs that found the schema changed outside the migrations (tag <c>tidemark.drift.policy</c>).</summary>
    public const string DriftDetected = "tidemark.drift.detected";

    private static readonly Meter Meter = new(MeterName, typeof(TidemarkMetrics).Assembly.GetName().Version?.ToString());
    private static readonly Counter<long> AppliedCounter = Meter.CreateCounter<long>(MigrationsApplied, "{migration}", "Migrations applied");
    private static readonly Histogram<double> DurationHistogram = Meter.CreateHistogram<double>(MigrationDuration, "ms", "Duration of each applied migration");
    private static readonly Histogram<double> LockWaitHistogram = Meter.CreateHistogram<double>(LockWait, "ms", "Time spent waiting for the migration lock");
    private static readonly Counter<long> FailureCounter = Meter.CreateCounter<long>(Failures, "{run}", "Failed migration runs, by kind");
    private static readonly Counter<long> DriftCounter = Meter.CreateCounter<long>(DriftDetected, "{run}", "Runs that detected drift");

    internal static void RecordRun(NpgsqlDataSource dataSource, MigrationResult result, DriftPolicy policy)
    {
        var db = Database(dataSource);
        foreach (var a in result.Applied)
        {
            AppliedCounter.Add(1, db, new("tidemark.migration.kind", a.Kind));
            DurationHistogram.Record(a.Duration.TotalMilliseconds, db, new("tidemark.migration.kind", a.Kind));
        }

        if (!result.FastPath)
        {
            LockWaitHistogram.Record(result.LockWait.TotalMilliseconds, db);
        }

        if (result.Drift is not null)
        {
            DriftCounter.Add(1, db, new("tidemark.drift.policy", policy.ToString().ToLowerInvariant()));
        }
    }

    internal static void RecordFailure(NpgsqlDataSource dataSource, Exception ex, DriftPolicy policy)
    {
        var db = Database(dataSource);
        FailureCounter.Add(1, db, new("error.type", KindOf(ex)));
        if (ex is DriftDetectedException)
        {
            DriftCounter.Add(1, db, new("tidemark.drift.policy", policy.ToString().ToLowerInvariant()));
        }
    }

    /// <summary>The kind names the CLI's JSON uses for the same errors.</summary>
    internal static string KindOf(Exception ex) => ex switch
    {
        MigrationFailedException => "migration_failed",
        MigrationValidationException => "validation_failed",
        AdoptionRefusedException => "adoption_refused",
        DriftDetectedException => "drift_detected",
        LockTimeoutException => "lock_timeout",
        ConnectionFailedException => "connection_failed",
        MigrationSourceException or SqlSyntaxException => "bad_input",
        OperationCanceledException => "cancelled",
        _ => "error",
    };

    private static KeyValuePair<string, object?> Database(NpgsqlDataSource dataSource)
    {
        string? name;
        try
        {
            name = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database;
        }
        catch (ArgumentException)
        {
            name = null;
        }

        return new("db.namespace", name);
    }
}
