using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Tidemark.Catalog;
using Tidemark.Execution;
using Tidemark.History;
using Tidemark.Planning;
using Tidemark.Sources;

namespace Tidemark.Shadow;

/// <summary>
/// Replays migrations 1..n in a shadow database with the real executor (same splitting, same transactions,
/// same history table) and reads the catalog after each one: the schema, and its fingerprint, "after migration k".
/// The shadow is always disposed (a temporary database is dropped), even when a migration fails.
/// </summary>
internal static class ShadowReplay
{
    public static async Task<ReplayResult> RunAsync(
        ShadowOptions shadowOptions, string targetConnectionString, MigrationSet source, int count,
        HistoryTable historyTable, SchemaScope scope, CancellationToken ct, Func<NpgsqlConnection, int, CancellationToken, Task<bool>>? readAfter = null,
        Func<int, bool>? mayRead = null)
    {
        var clock = Stopwatch.StartNew();
        await using var shadow = await ShadowDatabase.CreateAsync(shadowOptions, targetConnectionString, ct).ConfigureAwait(false);
        await using var connection = await shadow.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        if (scope.Tenant is { } tenant)
        {
            // Schema-per-tenant: the migrations run in a schema named as the tenant's, as they do on the target
            // (search_path), so the replayed objects carry the names the tenant's objects carry.
            await using var create = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {Identifiers.Quote(tenant)}", connection);
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        // The shadow is a direct connection read after every migration: prepared once, planned once.
        var reader = new CatalogReader { Prepared = true };
        var empty = scope.Apply(await reader.ReadAsync(connection, scope.CatalogOptions, ct).ConfigureAwait(false));

        var history = new HistoryStore(historyTable);
        await history.EnsureAsync(connection, ct).ConfigureAwait(false);
        var executor = new MigrationExecutor(shadow.DataSource, connection, history, new ExecutionSettings(null, null, 1) { SearchPath = scope.Tenant }, NullLogger.Instance, null);
        var after = new List<SchemaModel?>(count);
        var asCreated = new List<SchemaModel?>(count);
        for (var i = 0; i < count; i++)
        {
            var migration = source.Versioned[i];
            var prepared = PreparedMigration.Prepare(migration);
            var step = new PlanStep(migration, StepAction.Apply, "replay");
            try
            {
                if (prepared.Transactional && mayRead is not null && !mayRead(i + 1))
                {
                    // No read wanted after this one: it and the following transactional migrations up to the next
                    // read run as one group transaction (one round trip), as migrate applies them.
                    var group = new List<PreparedMigration> { prepared };
                    while (i + 1 < count && group.Count < MigrationExecutor.MaxGroupSize && !mayRead(i + 1)
                        && PreparedMigration.Prepare(source.Versioned[i + 1]) is { Transactional: true } next)
                    {
                        group.Add(next);
                        i++;
                        after.Add(null);
                        asCreated.Add(null);
                    }

                    await executor.RunGroupAsync(group, durable: false, null, ct).ConfigureAwait(false);
                    migration = source.Versioned[i];
                }
                else if (prepared.Transactional)
                {
                    await executor.RunTransactionalAsync(prepared, durable: false, null, ct).ConfigureAwait(false);
                }
                else
                {
                    await executor.RunNonTransactionalAsync(prepared, step, ct).ConfigureAwait(false);
                }
            }
            catch (MigrationFailedException ex)
            {
                var failed = source.Versioned.FirstOrDefault(m => m.Version == ex.Failure.Version) ?? migration;
                throw new TidemarkException(
                    $"Replaying the migrations in the {shadow.Description} failed at {failed.Label}, line {ex.Failure.Line}: {ex.Failure.SqlState}: {ex.Failure.ServerMessage}. " +
                    "The migrations do not apply cleanly to an empty database, so their effect cannot be learned.",
                    $"Fix {failed.Path} so the folder applies to an empty database (try `tidemark migrate` on a fresh one).", ex);
            }

            // Read the catalog after every migration, or only where the caller's cheap test says it may matter.
            var model = readAfter is null || await readAfter(connection, i + 1, ct).ConfigureAwait(false)
                ? scope.Filter(await reader.ReadAsync(connection, scope.CatalogOptions, ct).ConfigureAwait(false))
                : null;
            after.Add(model is null ? null : scope.Apply(model));
            asCreated.Add(model);
        }

        return new ReplayResult(shadow.Description, connection.PostgreSqlVersion.Major, empty, after, clock.Elapsed) { AsCreated = asCreated };
    }
}

/// <summary>The schema before any migration and after each of the first <c>After.Count</c> migrations (null where it was not read).</summary>
internal sealed class ReplayResult(string shadowDescription, int serverMajor, SchemaModel empty, IReadOnlyList<SchemaModel?> after, TimeSpan elapsed)
{
    public string ShadowDescription { get; } = shadowDescription;

    public int ServerMajor { get; } = serverMajor;

    public SchemaModel Empty { get; } = empty;

    public IReadOnlyList<SchemaModel?> After { get; } = after;

    /// <summary>Every prefix was read.</summary>
    public bool Complete => After.All(m => m is not null);

    public TimeSpan Elapsed { get; } = elapsed;

    private string?[]? _fingerprints;

    /// <summary>The models as the migrations create them (columns in creation order), for generating DDL.</summary>
    public IReadOnlyList<SchemaModel?> AsCreated { get; init; } = [];

    /// <summary>The schema after <paramref name="count"/> migrations with its columns in creation order (what CREATE TABLE must reproduce).</summary>
    public SchemaModel? ModelAsCreatedAfter(int count) => count >= 1 && count <= AsCreated.Count ? AsCreated[count - 1] : ModelAfter(count);

    /// <summary>The model after the first <paramref name="count"/> migrations (0 = empty), as compared (columns by name).</summary>
    public SchemaModel? ModelAfter(int count) => count == 0 ? Empty : count <= After.Count ? After[count - 1] : null;

    /// <summary>Fingerprint after the first <paramref name="count"/> migrations (0 = empty), computed once; null where not read.</summary>
    public string? FingerprintAfter(int count)
    {
        _fingerprints ??= new string?[After.Count + 1];
        return _fingerprints[count] ??= ModelAfter(count) is { } m ? Fingerprint.Compute(m) : null;
    }
}
