using Npgsql;
using Tidemark.Catalog;
using Tidemark.History.Foreign;
using Tidemark.Sources;

namespace Tidemark.Reconciliation;

/// <summary>How the live catalog compares with the schema after the version a history marks.</summary>
/// <param name="Case">Equal, HalfAppliedNext, Contradiction, Drift, or Unverified (nothing can tell the expected schema).</param>
/// <param name="Count">How many migrations the history marks (the version is the Count-th).</param>
/// <param name="Expected">The fingerprint after that version, when known.</param>
/// <param name="Actual">The live schema's fingerprint.</param>
/// <param name="Differences">Drift or contradiction: live against the schema after the marked version, both directions.</param>
/// <param name="Why">Unverified: why nothing could tell.</param>
/// <param name="MatchesCount">Contradiction: the prefix whose schema the catalog is exactly.</param>
/// <param name="CatalogReads">Round trips of the catalog read.</param>
internal sealed record HistoryVerdict(
    ReconciliationCase Case, int Count, string? Expected, string Actual, IReadOnlyList<string> Differences, string? Why, int MatchesCount, int CatalogReads)
{
    /// <summary>HalfAppliedNext: the fingerprint and model after the next migration, to verify the completion against.</summary>
    public string? ExpectedNext { get; init; }

    public SchemaModel? ModelNext { get; init; }
}

/// <summary>
/// The catalog verifies a history: compares the live schema (without any history table, columns in name
/// order) with the schema after the version the history marks, and names the case.
/// </summary>
internal sealed class HistoryVerifier(MigrationSet source, SchemaScope scope, AdoptionFingerprints fingerprints)
{
    public async Task<HistoryVerdict> VerifyAsync(NpgsqlConnection work, ForeignImport marked, CancellationToken ct)
    {
        var count = Adoption.IndexAfter(source, marked.Matched[^1]);
        var reader = new CatalogReader();
        var live = scope.Apply(await reader.ReadAsync(work, scope.CatalogOptions, ct).ConfigureAwait(false));
        var reads = reader.LastRoundTrips;
        var actual = Fingerprint.Compute(live);
        var expected = await fingerprints.FingerprintAfterAsync(count, ct).ConfigureAwait(false);
        if (expected is null)
        {
            return new HistoryVerdict(ReconciliationCase.Unverified, count, null, actual, [], Adoption.Why(fingerprints), 0, reads);
        }

        if (expected == actual)
        {
            return new HistoryVerdict(ReconciliationCase.Equal, count, expected, actual, [], null, count, reads);
        }

        var n = source.Versioned.Count;
        var replay = await fingerprints.FullReplayAsync(n, ct).ConfigureAwait(false);
        var version = source.Versioned[count - 1];
        var phrase = $"after {version.Version} ({version.File})";
        if (replay?.ModelAfter(count) is not { } afterV)
        {
            return new HistoryVerdict(ReconciliationCase.Drift, count, expected, actual,
                [$"the schema's fingerprint is {actual[..12]}, the one {phrase} is {expected[..12]}; the exact differences need a shadow database ({fingerprints.ShadowProblem ?? "its replay failed"})"],
                null, 0, reads);
        }

        // Exactly the schema after another prefix: the next one means it was applied but not recorded (complete
        // it: every statement's effect is there); any other contradicts the history.
        for (var k = n; k >= 0; k--)
        {
            if (k != count && replay.FingerprintAfter(k) == actual)
            {
                if (k == count + 1)
                {
                    return new HistoryVerdict(ReconciliationCase.HalfAppliedNext, count, expected, actual, [], null, k, reads)
                    { ExpectedNext = replay.FingerprintAfter(k), ModelNext = replay.ModelAfter(k) };
                }

                return new HistoryVerdict(ReconciliationCase.Contradiction, count, expected, actual,
                    SchemaDifferences.Describe(live, afterV, phrase), null, k, reads);
            }
        }

        if (count < n && replay.ModelAfter(count + 1) is { } afterNext)
        {
            var gap = SchemaDifferences.ChangedKeys(live, afterV);
            var footprint = SchemaDifferences.ChangedKeys(afterV, afterNext);
            if (gap.Count > 0 && gap.IsSubsetOf(footprint))
            {
                return new HistoryVerdict(ReconciliationCase.HalfAppliedNext, count, expected, actual, [], null, count, reads)
                { ExpectedNext = replay.FingerprintAfter(count + 1), ModelNext = afterNext };
            }
        }

        return new HistoryVerdict(ReconciliationCase.Drift, count, expected, actual, SchemaDifferences.Describe(live, afterV, phrase), null, 0, reads);
    }
}
