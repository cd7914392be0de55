using Microsoft.Extensions.Logging;
using Npgsql;
using Tidemark.Catalog;
using Tidemark.History;
using Tidemark.Sources;

namespace Tidemark.Reconciliation;

/// <summary>
/// Compares the live schema with the fingerprint recorded after the last applied migration (its history
/// row, else the integrity file): one catalog read. On a difference, names each drifted object and attribute
/// when the expected schema can be replayed in a shadow, and applies the policy.
/// </summary>
internal sealed class DriftGate(MigratorOptions options, HistoryStore history, ILogger logger)
{
    private readonly CatalogReader _reader = new();

    public int CatalogReads { get; private set; }

    /// <summary>
    /// Returns null when there is no drift or it cannot be computed; throws <see cref="DriftDetectedException"/>
    /// under <see cref="DriftPolicy.Refuse"/> unless <paramref name="reportOnly"/>.
    /// </summary>
    public async Task<DriftReport?> CheckAsync(
        NpgsqlConnection connection, MigrationSet source, HistorySnapshot snapshot, SchemaScope scope,
        AdoptionFingerprints fingerprints, List<string> warnings, bool allowShadow, CancellationToken ct, bool reportOnly = false)
    {
        var count = 0;
        for (var i = 0; i < source.Versioned.Count; i++)
        {
            if (snapshot.ByVersion.TryGetValue(source.Versioned[i].Version, out var row) && row.IsApplied)
            {
                count = i + 1;
            }
        }

        if (count == 0)
        {
            return null;
        }

        var version = source.Versioned[count - 1].Version;
        var expected = await AdoptionWriter.ReadFingerprintAsync(connection, history, version, ct).ConfigureAwait(false);
        var basis = $"history row of {version}";
        if (expected is null && fingerprints.Integrity?.FingerprintAfter(count) is { } fromFile)
        {
            expected = fromFile;
            basis = IntegrityFile.FileName;
        }

        if (expected is null)
        {
            AdoptionLog.DriftNotChecked(logger, $"no fingerprint recorded after {version} and no current {IntegrityFile.FileName}");
            return null;
        }

        var live = scope.Apply(await _reader.ReadAsync(connection, scope.CatalogOptions, ct).ConfigureAwait(false));
        CatalogReads += _reader.LastRoundTrips;
        var actual = Fingerprint.Compute(live);
        if (actual == expected)
        {
            return null;
        }

        IReadOnlyList<string> differences;
        var model = allowShadow ? await fingerprints.ModelAfterAsync(count, ct).ConfigureAwait(false) : null;
        if (model is not null && Fingerprint.Compute(model) == expected)
        {
            differences = SchemaDifferences.Describe(live, model, "in the migrations");
        }
        else
        {
            differences = [$"the schema's fingerprint is {actual[..12]}, the one recorded after {version} is {expected[..12]}"
                + (allowShadow ? $"; the exact differences need a shadow database ({fingerprints.ShadowProblem ?? "its replay does not reproduce the recorded schema"})" : "; run `tidemark migrate` with a shadow database for the exact differences")];
        }

        var report = new DriftReport(
            $"The schema was changed outside the migrations since {version} was applied (drift):", version, expected, actual, differences)
        { Basis = basis };
        if (reportOnly)
        {
            return report;
        }

        if (options.DriftPolicy == DriftPolicy.Refuse)
        {
            throw new DriftDetectedException(report);
        }

        AdoptionLog.Drift(logger, report.Summary, string.Join("; ", differences));
        warnings.Add(report.Summary + " " + string.Join("; ", differences));
        await history.AddEventAsync(connection, new HistoryEvent("drift", version, null,
            "Drift found and allowed (policy warn): " + string.Join("; ", differences), null), ct).ConfigureAwait(false);
        return report;
    }
}
