using Microsoft.Extensions.Logging;
using Npgsql;
using Tidemark.Catalog;
using Tidemark.History;
using Tidemark.History.Foreign;
using Tidemark.Planning;
using Tidemark.Sources;

namespace Tidemark.Reconciliation;

/// <summary>What examining an existing database did before planning.</summary>
internal sealed record ExistingDatabaseOutcome(
    HistorySnapshot History,
    SchemaScope Scope,
    IReadOnlyList<AdoptedMigration> Adopted,
    IReadOnlyList<AdoptedMigration> Imported,
    IReadOnlyList<string> Warnings,
    DriftReport? Drift);

/// <summary>
/// Runs under the migration lock before planning: imports another tool's history, adopts the prefix of the
/// migrations an existing schema already reflects (nothing executed), and checks drift before applying.
/// </summary>
internal sealed class Adoption(MigratorOptions options, HistoryStore history, ILogger logger, string targetConnectionString)
{
    private readonly CatalogReader _reader = new();

    /// <summary>Round trips of the catalog reads this instance made (for tests and benchmarks).</summary>
    public int CatalogReads { get; private set; }

    public async Task<ExistingDatabaseOutcome> PrepareAsync(NpgsqlConnection work, MigrationSet source, HistorySnapshot snapshot, CancellationToken ct)
    {
        var warnings = new List<string>();
        var foreign = await ForeignHistory.DetectAsync(work, ct).ConfigureAwait(false);
        var scope = SchemaScope.For(options, foreign.Select(f => f.Name));
        var integrity = await CheckIntegrityAsync(work, source, warnings, ct).ConfigureAwait(false);
        var fingerprints = new AdoptionFingerprints(source, integrity, options.Shadow, targetConnectionString, history.Table, scope);

        if (snapshot.ByVersion.Count > 0 || source.Versioned.Count == 0)
        {
            var plan = Planner.Build(source, snapshot, options.AllowOutOfOrder);
            DriftReport? drift = null;
            if (plan.Steps.Any(s => s.Migration.Kind == MigrationKind.Versioned) && options.DriftPolicy != DriftPolicy.Ignore)
            {
                var gate = new DriftGate(options, history, logger);
                drift = await gate.CheckAsync(work, source, snapshot, scope, fingerprints, warnings, allowShadow: true, ct).ConfigureAwait(false);
                CatalogReads += gate.CatalogReads;
            }

            return new ExistingDatabaseOutcome(snapshot, scope, [], [], warnings, drift);
        }

        var live = scope.Apply(await ReadAsync(work, scope, ct).ConfigureAwait(false));
        var liveFingerprint = Fingerprint.Compute(live);

        // Another tool's history: import what it records, unless the schema says otherwise.
        var import = await BestImportAsync(work, foreign, source, ct).ConfigureAwait(false);
        if (import is not null)
        {
            var claimed = IndexAfter(source, import.Matched[^1]);
            var expected = await fingerprints.FingerprintAfterAsync(claimed, ct).ConfigureAwait(false);
            if (expected is null || expected == liveFingerprint)
            {
                if (expected is null)
                {
                    warnings.Add($"{import.Table.Display} was imported without checking it against the schema: no fingerprints are available ({Why(fingerprints)}).");
                }

                var rows = import.Matched.Select(m => (m, IndexAfter(source, m) == claimed ? expected : null)).ToList();
                var imported = await AdoptAsync(work, source, rows, import.Table.Display, ct,
                    syncDrizzle: import.Table.Kind != ForeignHistoryKind.Drizzle).ConfigureAwait(false);
                return new ExistingDatabaseOutcome(await history.ReadAsync(work, ct).ConfigureAwait(false), scope, [], imported, warnings, null);
            }

            var message = $"{import.Table.Display} records {import.Matched.Count} migration(s) through {import.Matched[^1].Version} as applied, " +
                "but the schema is not the one they produce; trusting the schema instead.";
            AdoptionLog.ForeignDisagrees(logger, message);
            warnings.Add(message);
            await history.AddEventAsync(work, new HistoryEvent(HistoryEventKinds.Adopt, import.Matched[^1].Version, import.Matched[^1].Name, message, null), ct).ConfigureAwait(false);
        }

        if (!options.AdoptExisting || !SchemaScope.HasUserObjects(live))
        {
            return new ExistingDatabaseOutcome(snapshot, scope, [], [], warnings, null);
        }

        var summary = await SchemaSummary.ComputeAsync(work, scope, ct).ConfigureAwait(false);
        var match = await fingerprints.LongestMatchAsync(liveFingerprint, summary, ct).ConfigureAwait(false);
        if (match is null && fingerprints.ReplayFailed)
        {
            // The migrations build on objects they do not create (a baseline made another way): adoption cannot
            // apply, so they run as written, as any migration tool would run them.
            var message = $"The database holds objects but none was adopted: {fingerprints.ShadowProblem} The migrations run as written.";
            AdoptionLog.Integrity(logger, message);
            warnings.Add(message);
            return new ExistingDatabaseOutcome(snapshot, scope, [], [], warnings, null);
        }

        var (matched, known) = match ?? throw new AdoptionRefusedException(
                "The database already holds objects and has no migration history, but the effect of the migrations cannot be learned: " + Why(fingerprints) + ".",
                null, [],
                "Commit an integrity file made by `tidemark hash`, or give a shadow database with --shadow-url (or grant CREATEDB so a temporary one can be made); " +
                "to run the migrations as written without adoption, set AdoptExisting = false (--no-adopt).");
        if (matched >= 1)
        {
            var rows = source.Versioned.Take(matched).Select((m, i) => (m, known[i + 1])).ToList();
            var adopted = await AdoptAsync(work, source, rows, "adopted", ct).ConfigureAwait(false);
            return new ExistingDatabaseOutcome(await history.ReadAsync(work, ct).ConfigureAwait(false), scope, adopted, [], warnings, null);
        }

        if (options.Reconcile == ReconcilePolicy.Apply)
        {
            var reconciled = await new HalfAppliedCompleter(options, logger).TryAsync(work, source, live, fingerprints, scope, this, ct).ConfigureAwait(false);
            if (reconciled is not null)
            {
                return new ExistingDatabaseOutcome(await history.ReadAsync(work, ct).ConfigureAwait(false), scope, reconciled, [], warnings, null);
            }
        }

        throw await RefusalAsync(live, source, fingerprints, ct).ConfigureAwait(false);
    }

    private async Task<IntegrityCheck?> CheckIntegrityAsync(NpgsqlConnection work, MigrationSet source, List<string> warnings, CancellationToken ct)
    {
        var file = await IntegrityFile.TryReadAsync(source, ct).ConfigureAwait(false);
        var check = file?.Check(source, work.PostgreSqlVersion.Major);
        if (check?.Problem is { } problem)
        {
            var message = problem + "; run `tidemark hash` to update it.";
            AdoptionLog.Integrity(logger, message);
            warnings.Add(message);
        }

        return check;
    }

    private async Task<SchemaModel> ReadAsync(NpgsqlConnection work, SchemaScope scope, CancellationToken ct)
    {
        var model = await _reader.ReadAsync(work, scope.CatalogOptions, ct).ConfigureAwait(false);
        CatalogReads += _reader.LastRoundTrips;
        return model;
    }

    private static async Task<ForeignImport?> BestImportAsync(NpgsqlConnection work, IReadOnlyList<ForeignHistoryTable> foreign, MigrationSet source, CancellationToken ct)
    {
        ForeignImport? best = null;
        foreach (var table in foreign)
        {
            var matched = await ForeignHistory.MatchAsync(work, table, source, ct).ConfigureAwait(false);
            if (matched.Count > (best?.Matched.Count ?? 0))
            {
                best = new ForeignImport(table, matched);
            }
        }

        return best;
    }

    /// <summary>Writes the adopted rows and their event; <paramref name="from"/> is "adopted" or the foreign table.</summary>
    internal async Task<IReadOnlyList<AdoptedMigration>> AdoptAsync(
        NpgsqlConnection work, MigrationSet source, IReadOnlyList<(Migration Migration, string? Fingerprint)> rows, string from, CancellationToken ct, string? extra = null, bool syncDrizzle = true)
    {
        var first = rows[0].Migration;
        var last = rows[^1].Migration;
        var range = rows.Count == 1 ? first.Version : $"{first.Version}–{last.Version}";
        var message = from == "adopted"
            ? $"Adopted {range} ({rows.Count} migrations): the database already reflects them; 0 statements executed."
            : $"Imported {range} ({rows.Count} migrations) from {from}: recorded as applied without re-running.";
        await AdoptionWriter.RecordAsync(work, history, rows,
            new HistoryEvent(HistoryEventKinds.Adopt, last.Version, last.Name, message + (extra is null ? "" : " " + extra), string.Join(", ", rows.Select(r => r.Migration.Version))),
            source.Format, options.SyncDrizzleHistory && syncDrizzle, ct).ConfigureAwait(false);
        if (from == "adopted")
        {
            AdoptionLog.Adopted(logger, rows.Count, first.Version, last.Version);
        }
        else
        {
            AdoptionLog.Imported(logger, rows.Count, first.Version, last.Version, from);
        }

        return [.. rows.Select(r => new AdoptedMigration(r.Migration.Version, r.Migration.Name, from == "adopted" ? "catalog" : from))];
    }

    private static async Task<AdoptionRefusedException> RefusalAsync(SchemaModel live, MigrationSet source, AdoptionFingerprints fingerprints, CancellationToken ct)
    {
        var next = "Bring the database to the state after one migration (or change the migrations), or allow Tidemark to complete a half-applied migration with --reconcile.";
        var replay = await fingerprints.FullReplayAsync(source.Versioned.Count, ct).ConfigureAwait(false);
        if (replay is null)
        {
            return new AdoptionRefusedException(
                "The database already holds objects, has no migration history, and its schema matches no prefix of the migrations; nothing was changed. " +
                $"The exact differences need a shadow database ({fingerprints.ShadowProblem}).", null, [], next);
        }

        var best = Enumerable.Range(0, replay.After.Count + 1)
            .Select(k => (k, d: SchemaDifferences.Describe(live, replay.ModelAfter(k)!, k == 0 ? "in an empty database" : $"after migration {source.Versioned[k - 1].Version}")))
            .OrderBy(x => x.d.Count).ThenByDescending(x => x.k).First();
        var closest = best.k == 0 ? null : source.Versioned[best.k - 1].Version;

        // Tables no migration ever creates (an old hand-made history table, say) can be left alone explicitly.
        var everCreated = Enumerable.Range(1, replay.After.Count).SelectMany(k => replay.ModelAfter(k)!.Tables.Select(t => t.Name)).ToHashSet();
        var foreign = live.Tables.Select(t => t.Name).Where(n => !everCreated.Contains(n)).Select(n => n.ToString()).ToList();
        if (foreign.Count > 0)
        {
            next += $" No migration creates {string.Join(", ", foreign)}: if {(foreign.Count == 1 ? "it is" : "they are")} not part of the application's schema "
                + $"(for example an old hand-made migration history), leave {(foreign.Count == 1 ? "it" : "them")} alone with {string.Join(" ", foreign.Select(f => "--ignore-table " + f))}.";
        }

        return new AdoptionRefusedException(
            "The database already holds objects, has no migration history, and its schema matches no prefix of the migrations; nothing was changed. " +
            $"Closest: {(closest is null ? "the empty schema" : $"the schema after {source.Versioned[best.k - 1].Label}")}, which differs by:",
            closest, best.d, next);
    }

    private static string Why(AdoptionFingerprints f) =>
        (f.Integrity is null ? $"no {IntegrityFile.FileName} in the migrations folder" : f.Integrity.Problem ?? "the integrity file does not cover the migrations")
        + (f.ShadowProblem is null ? "" : "; " + f.ShadowProblem);

    /// <summary>The count of migrations up to and including <paramref name="m"/>.</summary>
    internal static int IndexAfter(MigrationSet source, Migration m)
    {
        for (var i = 0; i < source.Versioned.Count; i++)
        {
            if (ReferenceEquals(source.Versioned[i], m))
            {
                return i + 1;
            }
        }

        return 0;
    }
}
