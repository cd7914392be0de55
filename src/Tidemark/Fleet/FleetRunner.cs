using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Tidemark.Catalog;
using Tidemark.Connections;

namespace Tidemark.Fleet;

/// <summary>
/// Runs one independent migration per target with bounded parallelism: each target has its own data
/// source, lock and history, and one failing never leaves another half-done. Canary targets run first;
/// after a failure no new target starts unless <see cref="FleetOptions.ContinueOnError"/>. A rerun does
/// only what is behind: up-to-date targets take the one-query fast path.
/// </summary>
internal static partial class FleetRunner
{
    public static async Task<FleetResult> RunAsync(
        IReadOnlyList<MigrationTarget> targets, MigratorOptions options, FleetOptions fleet, ILoggerFactory? loggers, CancellationToken ct)
    {
        Validate(targets, fleet);
        var clock = Stopwatch.StartNew();
        var results = new TargetResult?[targets.Count];
        var logger = loggers?.CreateLogger("Tidemark.Fleet") ?? NullLogger.Instance;
        var canary = Math.Min(fleet.Canary, targets.Count);
        var stop = false;
        await using var dataSources = new FleetDataSources(targets.Select(KeyOf));
        if (canary > 0)
        {
            await RunBatchAsync(targets, 0, canary, options, fleet, loggers, dataSources, results, () => false, ct).ConfigureAwait(false);
            var failed = results.Take(canary).FirstOrDefault(r => r is { Ok: false });
            if (failed is not null)
            {
                CanaryFailed(logger, failed.Name, failed.Error ?? "");
                Skip(targets, results, canary, $"not run: canary {failed.Name} failed");
                return new FleetResult([.. results!], clock.Elapsed);
            }
        }

        await RunBatchAsync(targets, canary, targets.Count, options, fleet, loggers, dataSources, results,
            () => stop || (!fleet.ContinueOnError && results.Any(r => r is { Ok: false, Skipped: false })), ct).ConfigureAwait(false);
        var firstFailure = results.FirstOrDefault(r => r is { Ok: false, Skipped: false });
        Skip(targets, results, canary, $"not run: {firstFailure?.Name} failed (pass --continue-on-error / ContinueOnError to run every target)");
        return new FleetResult([.. results!], clock.Elapsed);
    }

    private static async Task RunBatchAsync(
        IReadOnlyList<MigrationTarget> targets, int from, int to, MigratorOptions options, FleetOptions fleet, ILoggerFactory? loggers,
        FleetDataSources dataSources, TargetResult?[] results, Func<bool> stopStarting, CancellationToken ct)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, fleet.Parallelism));
        var running = new List<Task>();
        for (var i = from; i < to; i++)
        {
            await slots.WaitAsync(ct).ConfigureAwait(false);
            if (stopStarting())
            {
                slots.Release();
                break;
            }

            var index = i;
            running.Add(Task.Run(async () =>
            {
                try
                {
                    results[index] = await RunOneAsync(targets[index], options, fleet, loggers, dataSources, ct).ConfigureAwait(false);
                    fleet.OnTargetFinished?.Invoke(results[index]!);
                }
                finally
                {
                    slots.Release();
                }
            }, CancellationToken.None));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>The connection string a target runs on (application name <c>tidemark</c> unless it names one); throws on a malformed one.</summary>
    private static string ConnectionStringOf(MigrationTarget target)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString.Normalize(target.ConnectionString));
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "tidemark";
        }

        return builder.ConnectionString;
    }

    /// <summary><see cref="ConnectionStringOf"/>, or the text as given when malformed (the target's own run reports it).</summary>
    private static string KeyOf(MigrationTarget target)
    {
        try
        {
            return ConnectionStringOf(target);
        }
        catch (Exception ex) when (ex is ArgumentException or TidemarkException)
        {
            return target.ConnectionString;
        }
    }

    private static async Task<TargetResult> RunOneAsync(
        MigrationTarget target, MigratorOptions options, FleetOptions fleet, ILoggerFactory? loggers, FleetDataSources dataSources, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        fleet.OnTargetStarted?.Invoke(target.Name);
        try
        {
            var connectionString = ConnectionStringOf(target);
            var targetOptions = options with
            {
                OnProgress = fleet.OnTargetProgress is null ? options.OnProgress : p => fleet.OnTargetProgress(target.Name, p),
                ShadowServerConnectionString = options.ShadowServerConnectionString is null ? null : connectionString,
            };
            if (target.TenantSchema is { } tenant)
            {
                targetOptions = targetOptions with { TenantSchema = tenant, HistoryTable = TenantHistoryTable(options.HistoryTable, tenant) };
            }

            var migrator = new Migrator(dataSources.Acquire(connectionString), targetOptions, loggers?.CreateLogger<Migrator>());
            try
            {
                var result = await migrator.MigrateAsync(ct).ConfigureAwait(false);
                return new TargetResult(target.Name, true, false, result.CurrentVersion, result.Applied.Count, clock.Elapsed, null, null) { Result = result };
            }
            catch (Exception ex) when (ex is TidemarkException or NpgsqlException)
            {
                // Where the failed target stands now (what earlier migrations of this run applied stays applied).
                var at = await CurrentVersionAsync(migrator, ct).ConfigureAwait(false);
                return new TargetResult(target.Name, false, false, at, 0, clock.Elapsed, FirstLine(ex), ex);
            }
        }
        catch (Exception ex) when (ex is TidemarkException or NpgsqlException or OperationCanceledException or ArgumentException)
        {
            return new TargetResult(target.Name, false, false, null, 0, clock.Elapsed, FirstLine(ex), ex);
        }
        finally
        {
            await dataSources.ReleaseAsync(KeyOf(target)).ConfigureAwait(false);
        }
    }

    private static async Task<string?> CurrentVersionAsync(Migrator migrator, CancellationToken ct)
    {
        try
        {
            return (await migrator.StatusAsync(ct).ConfigureAwait(false)).CurrentVersion;
        }
        catch (Exception ex) when (ex is TidemarkException or NpgsqlException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The history table of a tenant: <c>history_&lt;tenant&gt;</c> (with the default history table name) in the history schema.</summary>
    public static string TenantHistoryTable(string historyTable, string tenant)
    {
        var name = $"{historyTable}_{tenant}";
        if (System.Text.Encoding.UTF8.GetByteCount(name + "_events") > 63)
        {
            throw new TidemarkException(
                $"The tenant schema name '{tenant}' is too long: its history table {name}_events would exceed PostgreSQL's 63-byte identifier limit.",
                "Use tenant schema names of at most 48 bytes, or a shorter history table name.");
        }

        return name;
    }

    /// <summary>A target's error on one line; a refusal that lists differences ("… differs by:") names the first.</summary>
    private static string FirstLine(Exception ex)
    {
        var message = ex is OperationCanceledException ? "cancelled" : ex.Message;
        var line = message.Split('\n')[0].TrimEnd();
        var differences = ex switch
        {
            Reconciliation.AdoptionRefusedException a => a.Differences,
            Reconciliation.DriftDetectedException d => d.Report.Differences,
            _ => [],
        };
        if (differences.Count > 0)
        {
            line = $"{line} {differences[0]}{(differences.Count > 1 ? $" (and {differences.Count - 1} more)" : "")}";
        }

        return ex is Execution.MigrationFailedException m ? $"{m.Failure.Version}: {m.Failure.SqlState}: {m.Failure.ServerMessage} ({m.Failure.Path}, line {m.Failure.Line})" : line;
    }

    private static void Skip(IReadOnlyList<MigrationTarget> targets, TargetResult?[] results, int from, string why)
    {
        for (var i = from; i < targets.Count; i++)
        {
            results[i] ??= new TargetResult(targets[i].Name, false, true, null, 0, TimeSpan.Zero, why, null);
        }
    }

    private static void Validate(IReadOnlyList<MigrationTarget> targets, FleetOptions fleet)
    {
        if (fleet.Parallelism < 1)
        {
            throw new TidemarkException($"Parallelism {fleet.Parallelism} is not a positive number.", "Pass --parallel 1 or more.");
        }

        if (fleet.Canary < 0)
        {
            throw new TidemarkException($"Canary {fleet.Canary} is negative.", "Pass --canary 0 (none) or more.");
        }

        var duplicate = targets.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new TidemarkException($"The target name '{duplicate.Key}' is used {duplicate.Count()} times.", "Give each target its own name.");
        }

        foreach (var t in targets.Where(t => t.TenantSchema is not null))
        {
            _ = TenantHistoryTable("history", t.TenantSchema!);
        }
    }

    [LoggerMessage(5100, LogLevel.Error, "Canary {Target} failed: {Error}; no other target is touched")]
    private static partial void CanaryFailed(ILogger logger, string target, string error);
}

/// <summary>Lists tenant schemas with a query (<c>--tenant-schemas</c>).</summary>
public static class TenantSchemas
{
    /// <summary>Runs <paramref name="sql"/> on the database and returns one target per row (the first column is the schema name).</summary>
    public static async Task<IReadOnlyList<MigrationTarget>> ListAsync(string connectionString, string sql, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            throw new TidemarkException("The --tenant-schemas query is empty.", "Pass a query returning schema names, e.g. --tenant-schemas \"SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant\\_%'\".");
        }

        var normalized = ConnectionString.Normalize(connectionString);
        var names = new List<string>();
        try
        {
            await using var connection = new NpgsqlConnection(normalized);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand(sql, connection);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.FieldCount == 0 || reader.IsDBNull(0))
                {
                    throw new TidemarkException($"The --tenant-schemas query returned an empty schema name in row {names.Count + 1}.", "Return one non-null schema name per row.");
                }

                names.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
            }
        }
        catch (PostgresException ex)
        {
            throw new TidemarkException($"The --tenant-schemas query failed: {ex.SqlState}: {ex.MessageText}.", "Pass a query returning schema names, one per row.", ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw ConnectionFailure.From(ex, normalized);
        }

        if (names.Count == 0)
        {
            throw new TidemarkException("The --tenant-schemas query returned no schema names; nothing to migrate.", "Check the query, e.g. run it with psql.");
        }

        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new TidemarkException($"The --tenant-schemas query returned the schema '{duplicate.Key}' {duplicate.Count()} times.", "Return each schema once (SELECT DISTINCT …).");
        }

        return [.. names.Select(n => new MigrationTarget(n, normalized, n))];
    }

    internal static string Quote(string schema) => Identifiers.Quote(schema);
}
