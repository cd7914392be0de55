using Microsoft.Extensions.Logging;
using Npgsql;
using Tidemark.Catalog;
using Tidemark.History;
using Tidemark.Sources;

namespace Tidemark.Planning;

/// <summary>
/// Completes a half-applied migration: finds the migration j whose footprint explains every difference between
/// the live schema and the schema after j, applies only the difference (hazard-gated), verifies the result and
/// records 1..j as adopted.
/// </summary>
internal sealed class Reconciler(MigratorOptions options, HistoryStore history, ILogger logger)
{
    public Task<IReadOnlyList<AdoptedMigration>?> TryAsync(NpgsqlConnection work, MigrationSet source, SchemaModel live, AdoptionFingerprints fingerprints, CancellationToken ct)
    {
        _ = (options, history, logger, work, source, live, fingerprints, ct);
        throw new TidemarkException("Reconciling a half-applied migration needs the schema differ, which this build does not include yet.");
    }
}
