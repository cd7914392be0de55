using Npgsql;
using Tidemark.Catalog;
using Tidemark.History;
using Tidemark.Planning;
using Tidemark.Sources;
using Tidemark.Reconciliation;

namespace Tidemark;

// Existing databases: one stage, Reconciliation/Reconciler.cs, decides where the database stands (history
// first, catalog verifies) for migrate, status and plan alike.
public sealed partial class Migrator
{
    /// <summary>
    /// Under the migration lock (<paramref name="write"/>) or read-only: the history to plan from (with imported
    /// or adopted rows added, actually or virtually) and the reconciliation report; throws when the database must
    /// not be touched.
    /// </summary>
    private async Task<ExistingDatabaseOutcome> ReconcileAsync(NpgsqlConnection work, MigrationSet source, HistorySnapshot history, bool write, CancellationToken ct) =>
        await new Reconciler(_options, _history, _logger, ShadowServer).ReconcileAsync(work, source, history, write, ct).ConfigureAwait(false);

    private string ShadowServer => _options.ShadowServerConnectionString ?? _dataSource.ConnectionString;

    /// <summary>After a run that applied versioned migrations: one catalog read, stored as the fingerprint of the last one.</summary>
    private async Task RecordFingerprintAsync(NpgsqlConnection work, MigrationSet source, ExistingDatabaseOutcome existing, IReadOnlyList<AppliedMigration> applied, CancellationToken ct)
    {
        var last = source.Versioned.LastOrDefault(m => applied.Any(a => a.Version == m.Version && a.Kind != HistoryKinds.Repeatable));
        if (last is null)
        {
            return;
        }

        // A current tidemark.sum already says what the schema after every migration is, and the drift gate
        // falls back to it: the catalog read (the largest fixed cost of a short run) is not needed.
        var sum = await IntegrityFile.TryReadAsync(source, _options.TenantSchema, ct).ConfigureAwait(false);
        if (sum is not null && sum.Check(source, work.PostgreSqlVersion.Major).IsCurrent)
        {
            return;
        }

        var model = existing.Scope.Apply(await new CatalogReader().ReadAsync(work, existing.Scope.CatalogOptions, ct).ConfigureAwait(false));
        await using var batch = new NpgsqlBatch(work) { BatchCommands = { AdoptionWriter.FingerprintUpdate(_history, last.Version, Fingerprint.Compute(model)) } };
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Drift check for an up-to-date database (<see cref="MigratorOptions.CheckDriftWhenUpToDate"/>, or status): one catalog read.</summary>
    private async Task<DriftReport?> CheckDriftAsync(NpgsqlConnection connection, MigrationSet source, HistorySnapshot history, bool reportOnly, CancellationToken ct)
    {
        if (history.ByVersion.Count == 0 || (_options.DriftPolicy == DriftPolicy.Ignore && !reportOnly))
        {
            return null;
        }

        var foreign = await Reconciler.HistoriesAsync(connection, _options, source, ct).ConfigureAwait(false);
        var scope = SchemaScope.For(_options, foreign.Select(f => f.Table.Name));
        var file = await IntegrityFile.TryReadAsync(source, _options.TenantSchema, ct).ConfigureAwait(false);
        var fingerprints = new AdoptionFingerprints(source, file?.Check(source, connection.PostgreSqlVersion.Major), _options.Shadow, ShadowServer, _history.Table, scope);
        var warnings = new List<string>();
        return await new DriftGate(_options, _history, _logger).CheckAsync(connection, source, history, scope, fingerprints, warnings, allowShadow: !reportOnly, ct, reportOnly).ConfigureAwait(false);
    }

    /// <summary>
    /// Replays every migration in a shadow database and writes <c>tidemark.sum</c> (per-migration checksums and
    /// fingerprints) into the migrations folder. <paramref name="targetConnectionString"/> (optional) lets a
    /// temporary shadow database be created on that server.
    /// </summary>
    public static async Task<IntegrityFileResult> HashAsync(MigratorOptions options, string? targetConnectionString, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var source = await options.CreateSource().LoadAsync(cancellationToken).ConfigureAwait(false);
        var path = IntegrityFile.PathFor(source)
            ?? throw new TidemarkException($"{source.Location} is not a folder; the integrity file is written next to folder migrations.", "Pass --dir <migrations folder>.");
        var shadow = targetConnectionString is null ? options.Shadow with { AllowTemporaryDatabase = false } : options.Shadow;
        var scope = SchemaScope.For(options);
        var replay = await Tidemark.Shadow.ShadowReplay.RunAsync(shadow, targetConnectionString ?? "", source, source.Versioned.Count,
            new HistoryTable(options.HistorySchema, options.HistoryTable), scope, cancellationToken).ConfigureAwait(false);
        var file = new IntegrityFile(replay.ServerMajor, replay.FingerprintAfter(0)!,
            [.. source.Versioned.Select((m, i) => new IntegrityEntry(m.Version, m.Checksum, replay.FingerprintAfter(i + 1)!))]);
        await File.WriteAllTextAsync(path, file.Render(), cancellationToken).ConfigureAwait(false);
        return new IntegrityFileResult(path, source.Versioned.Count, replay.ServerMajor, replay.ShadowDescription, replay.Elapsed);
    }
}

/// <summary>What <see cref="Migrator.HashAsync"/> wrote.</summary>
public sealed record IntegrityFileResult(string Path, int Migrations, int PostgresMajor, string Shadow, TimeSpan Elapsed);
