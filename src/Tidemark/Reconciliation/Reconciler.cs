using Microsoft.Extensions.Logging;
using Npgsql;
using Tidemark.Text;
using Tidemark.Catalog;
using Tidemark.History;
using Tidemark.History.Foreign;
using Tidemark.Planning;
using Tidemark.Sources;

namespace Tidemark.Reconciliation;

/// <summary>What reconciliation did (or, read-only, would do) before planning.</summary>
internal sealed record ExistingDatabaseOutcome(
    HistorySnapshot History,
    SchemaScope Scope,
    IReadOnlyList<AdoptedMigration> Adopted,
    IReadOnlyList<AdoptedMigration> Imported,
    IReadOnlyList<string> Warnings,
    DriftReport? Drift)
{
    public ReconciliationReport? Report { get; init; }

    /// <summary>Read-only runs: the version of the migration that would be completed.</summary>
    public string? HalfApplied { get; init; }
}

/// <summary>
/// The one stage that decides where an existing database stands, under the migration lock (or read-only for
/// status and plan). History first: Tidemark's own; else the history of another tool (drizzle, EF Core,
/// Flyway, DbUp, Evolve) or a team's hand-made table that names the migrations; else none. The catalog
/// verifies the version that history marks, against the schema after it (integrity file or shadow replay):
/// <list type="bullet">
/// <item>equal: the history is imported;</item>
/// <item>the schema after v plus part of what v+1 does, nothing else: v+1 is half-applied and is completed
/// statement by statement (<see cref="NextMigrationCompleter"/>), refusing data loss unless allowed;</item>
/// <item>exactly the schema after another version: the history contradicts the catalog, refused;</item>
/// <item>anything else: drift at v, and the drift gate decides (refuse, warn, ignore).</item>
/// </list>
/// With no history at all, the longest prefix the catalog reflects is adopted (<see cref="Adoption"/>).
/// Column order never matters: every comparison goes through <see cref="SchemaScope.Apply"/>.
/// </summary>
internal sealed class Reconciler(MigratorOptions options, HistoryStore history, ILogger logger, string targetConnectionString)
{
    /// <summary>Round trips of the catalog reads made (for tests and benchmarks).</summary>
    public int CatalogReads { get; private set; }

    /// <summary>Other tools' and hand-made history tables in the database, with the migrations each records.</summary>
    public static async Task<IReadOnlyList<ForeignImport>> HistoriesAsync(NpgsqlConnection connection, MigratorOptions options, MigrationSet source, CancellationToken ct)
    {
        var found = new List<ForeignImport>();
        // The schemas every comparison looks at (a tenant's own schema in schema-per-tenant mode).
        var schemas = SchemaScope.For(options).CatalogOptions;
        foreach (var table in await ForeignHistory.DetectAsync(connection, schemas.IncludeSchemas, ct).ConfigureAwait(false))
        {
            found.Add(new ForeignImport(table, await ForeignHistory.MatchAsync(connection, table, source, ct).ConfigureAwait(false)));
        }

        if (options.RecognizeHandMadeHistory)
        {
            foreach (var (table, matched) in await HandMadeHistory.DetectAsync(connection, source, schemas.ExcludeSchemas, schemas.IncludeSchemas, ct).ConfigureAwait(false))
            {
                found.Add(new ForeignImport(table, matched));
            }
        }

        return found;
    }

    /// <summary>
    /// Decides the case and, when <paramref name="write"/>, acts on it (imports, adopts, completes, or throws the
    /// refusal). Read-only runs return the same decision without writing, for status and plan.
    /// </summary>
    public async Task<ExistingDatabaseOutcome> ReconcileAsync(NpgsqlConnection work, MigrationSet source, HistorySnapshot snapshot, bool write, CancellationToken ct)
    {
        var warnings = new List<string>();
        var histories = await HistoriesAsync(work, options, source, ct).ConfigureAwait(false);
        var scope = SchemaScope.For(options, histories.Select(h => h.Table.Name));
        var integrity = CheckIntegrity(work, source, warnings, await IntegrityFile.TryReadAsync(source, options.TenantSchema, ct).ConfigureAwait(false));
        var fingerprints = new AdoptionFingerprints(source, integrity, options.Shadow, targetConnectionString, history.Table, scope);
        var own = snapshot.ByVersion.Values.Count(r => r.IsApplied);

        if (snapshot.ByVersion.Count > 0 || source.Versioned.Count == 0)
        {
            var plan = Planner.Build(source, snapshot, options.AllowOutOfOrder);
            DriftReport? drift = null;
            if ((!write || plan.Steps.Any(s => s.Migration.Kind == MigrationKind.Versioned)) && (options.DriftPolicy != DriftPolicy.Ignore || !write))
            {
                var gate = new DriftGate(options, history, logger);
                drift = await gate.CheckAsync(work, source, snapshot, scope, fingerprints, warnings, allowShadow: write, ct, reportOnly: !write).ConfigureAwait(false);
                CatalogReads += gate.CatalogReads;
            }

            var marked = plan.CurrentVersion;
            var report = drift is null
                ? new ReconciliationReport(ReconciliationCase.Equal, history.Table.Display, own, marked,
                    marked is null ? "Tidemark's history records no applied migration." : $"{history.Table.Display} records {Words.Count(own, "migration")} through {marked}.")
                : new ReconciliationReport(ReconciliationCase.Drift, history.Table.Display, own, drift.Version, drift.Summary) { Differences = drift.Differences };
            return new ExistingDatabaseOutcome(snapshot, scope, [], [], warnings, drift) { Report = report };
        }

        var best = histories.Where(h => h.Matched.Count > 0).OrderByDescending(h => h.Matched.Count).ThenBy(h => h.Table.Kind == ForeignHistoryKind.HandMade ? 1 : 0).FirstOrDefault();
        if (best is null)
        {
            var adoption = new Adoption(options, history, logger);
            var adopted = await adoption.PrepareAsync(work, source, snapshot, scope, fingerprints, warnings, write, ct).ConfigureAwait(false);
            CatalogReads += adoption.CatalogReads;
            return adopted;
        }

        var verdict = await new HistoryVerifier(source, scope, fingerprints).VerifyAsync(work, best, ct).ConfigureAwait(false);
        CatalogReads += verdict.CatalogReads;
        AdoptionLog.Found(logger, verdict.Case.ToString(), $"{best.Table.Display} marks {best.Matched[^1].Version} ({Words.Count(best.Matched.Count, "migration")})");
        return await ActAsync(work, source, snapshot, scope, best, verdict, warnings, write, ct).ConfigureAwait(false);
    }

    private async Task<ExistingDatabaseOutcome> ActAsync(
        NpgsqlConnection work, MigrationSet source, HistorySnapshot snapshot, SchemaScope scope, ForeignImport best, HistoryVerdict verdict,
        List<string> warnings, bool write, CancellationToken ct)
    {
        var table = best.Table.Display;
        var rows = best.Matched.Count;
        var v = best.Matched[^1];
        var adoption = new Adoption(options, history, logger);
        var syncDrizzle = best.Table.Kind != ForeignHistoryKind.Drizzle;
        var importRows = best.Matched.Select(m => (m, Adoption.IndexAfter(source, m) == verdict.Count ? verdict.Expected : null)).ToList();
        var imported = best.Matched.Select(m => new AdoptedMigration(m.Version, m.Name, table)).ToList();

        async Task<ExistingDatabaseOutcome> ImportAsync(ReconciliationReport report, DriftReport? drift = null)
        {
            if (!write)
            {
                return new ExistingDatabaseOutcome(Virtual(snapshot, best.Matched, HistoryKinds.Adopted, table), scope, [], imported, warnings, drift) { Report = report };
            }

            var done = await adoption.ImportAsync(work, source, importRows, best.Table, syncDrizzle, ct).ConfigureAwait(false);
            return new ExistingDatabaseOutcome(await history.ReadAsync(work, ct).ConfigureAwait(false), scope, [], done, warnings, drift) { Report = report };
        }

        switch (verdict.Case)
        {
            case ReconciliationCase.Unverified:
                warnings.Add($"{table} was imported without checking it against the schema: {verdict.Why}.");
                return await ImportAsync(new ReconciliationReport(ReconciliationCase.Unverified, table, rows, v.Version,
                    $"{table} records {Words.Count(rows, "migration")} through {Describe(v)}; not verified against the schema ({verdict.Why}).") { Imported = true }).ConfigureAwait(false);

            case ReconciliationCase.Equal:
                return await ImportAsync(new ReconciliationReport(ReconciliationCase.Equal, table, rows, v.Version,
                    $"{table} records {Words.Count(rows, "migration")} through {Describe(v)}, and the schema is exactly the one they produce: imported.") { Imported = true }).ConfigureAwait(false);

            case ReconciliationCase.HalfAppliedNext:
                var next = source.Versioned[verdict.Count];
                var completer = new NextMigrationCompleter(options, history, logger, scope);
                var reason = $"{table} records {Words.Count(rows, "migration")} through {Describe(v)}; the schema also holds part of what {Describe(next)} does, so {next.File} is half-applied and is completed statement by statement.";
                if (!write)
                {
                    var preview = await NextMigrationCompleter.PreviewAsync(work, next, ct).ConfigureAwait(false);
                    return new ExistingDatabaseOutcome(Virtual(snapshot, best.Matched, HistoryKinds.Adopted, table), scope, [], imported, warnings, null)
                    {
                        Report = new ReconciliationReport(ReconciliationCase.HalfAppliedNext, table, rows, v.Version, reason)
                        { HalfAppliedVersion = next.Version, HalfAppliedPath = next.File, Statements = preview, Imported = true },
                        HalfApplied = next.Version,
                    };
                }

                // Checked before anything is written: data loss is refused with nothing imported.
                // Completed first: a refusal leaves nothing imported, so the next run finds the same case.
                await completer.CheckDataLossAsync(work, next, ct).ConfigureAwait(false);
                var notes = await completer.CompleteAsync(work, source, next, verdict.ExpectedNext!, verdict.ModelNext!, ct).ConfigureAwait(false);
                var done = await adoption.ImportAsync(work, source, importRows, best.Table, syncDrizzle, ct).ConfigureAwait(false);
                warnings.Add($"{next.File} was half-applied; completed: " + string.Join("; ", notes));
                return new ExistingDatabaseOutcome(await history.ReadAsync(work, ct).ConfigureAwait(false), scope, [], done, warnings, null)
                {
                    Report = new ReconciliationReport(ReconciliationCase.HalfAppliedNext, table, rows, v.Version, reason)
                    { HalfAppliedVersion = next.Version, HalfAppliedPath = next.File, Statements = notes, Imported = true },
                };

            case ReconciliationCase.Contradiction:
                var other = verdict.MatchesCount == 0 ? "an empty schema (no migration applied)" : $"exactly the schema after {Describe(source.Versioned[verdict.MatchesCount - 1])}";
                var contradiction = new ReconciliationReport(ReconciliationCase.Contradiction, table, rows, v.Version,
                    $"{table} records {Words.Count(rows, "migration")} through {Describe(v)}, but the schema is {other}; the history and the catalog contradict each other, so nothing was changed.")
                { Differences = verdict.Differences, Imported = true };
                if (write)
                {
                    throw new AdoptionRefusedException(contradiction.Reason, verdict.MatchesCount == 0 ? null : source.Versioned[verdict.MatchesCount - 1].Version, verdict.Differences,
                        $"Find out which is right. If the schema is, correct {best.Table.Name} (it should list exactly the migrations through " +
                        $"{(verdict.MatchesCount == 0 ? "none" : source.Versioned[verdict.MatchesCount - 1].File)}) and run again; if the history is, restore the schema it describes.");
                }

                return new ExistingDatabaseOutcome(snapshot, scope, [], [], warnings, null) { Report = contradiction };

            default:
                var drift = new DriftReport($"The schema was changed outside the migrations since {Describe(v)} was applied according to {table} (drift):",
                    v.Version, verdict.Expected ?? "", verdict.Actual, verdict.Differences) { Basis = table };
                var driftReport = new ReconciliationReport(ReconciliationCase.Drift, table, rows, v.Version, drift.Summary) { Differences = verdict.Differences, Imported = true };
                if (!write)
                {
                    return new ExistingDatabaseOutcome(Virtual(snapshot, best.Matched, HistoryKinds.Adopted, table), scope, [], imported, warnings, drift) { Report = driftReport };
                }

                if (options.DriftPolicy == DriftPolicy.Refuse)
                {
                    throw new DriftDetectedException(drift);
                }

                if (options.DriftPolicy == DriftPolicy.Warn)
                {
                    AdoptionLog.Drift(logger, drift.Summary, string.Join("; ", drift.Differences));
                    warnings.Add(drift.Summary + " " + string.Join("; ", drift.Differences));
                }

                var outcome = await ImportAsync(driftReport, options.DriftPolicy == DriftPolicy.Warn ? drift : null).ConfigureAwait(false);
                if (options.DriftPolicy == DriftPolicy.Warn)
                {
                    await history.AddEventAsync(work, new HistoryEvent("drift", v.Version, v.Name,
                        "Drift found and allowed (policy warn): " + string.Join("; ", drift.Differences), null), ct).ConfigureAwait(false);
                }

                return outcome;
        }
    }

    private IntegrityCheck? CheckIntegrity(NpgsqlConnection work, MigrationSet source, List<string> warnings, IntegrityFile? file)
    {
        var check = file?.Check(source, work.PostgreSqlVersion.Major);
        if (check?.Problem is { } problem)
        {
            var message = problem + "; run `tidemark hash` to update it.";
            AdoptionLog.Integrity(logger, message);
            warnings.Add(message);
        }

        return check;
    }

    private static string Describe(Migration m) => $"{m.Version} ({m.File})";

    /// <summary>The history as it would be after recording <paramref name="migrations"/> (read-only runs plan from it).</summary>
    internal static HistorySnapshot Virtual(HistorySnapshot snapshot, IEnumerable<Migration> migrations, string kind, string source) =>
        new(snapshot.Exists, [.. snapshot.Records, .. migrations.Select(m => new HistoryRecord(0, m.Version, m.Name, kind, m.Checksum, HistoryStatuses.Applied,
            DateTimeOffset.MinValue, "", 0, 0, 0) { Path = m.RelativePath, Source = source })]);
}
