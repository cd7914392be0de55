using Tidemark.Catalog;
using Tidemark.History;
using Tidemark.Shadow;
using Tidemark.Sources;

namespace Tidemark.Planning;

/// <summary>
/// What each prefix of the migrations produces: fingerprints from the integrity file when it covers what is
/// asked, otherwise (and whenever schemas are needed for a report or a reconcile) by replay in a shadow database.
/// Everything is computed lazily, at most once per run.
/// </summary>
internal sealed class AdoptionFingerprints(
    MigrationSet source, IntegrityCheck? integrity, ShadowOptions shadowOptions, string targetConnectionString,
    HistoryTable historyTable, AdoptionScope scope)
{
    private ReplayResult? _replay;
    private string? _shadowProblem;

    public IntegrityCheck? Integrity { get; } = integrity;

    /// <summary>Why the shadow could not be used, when it was tried and failed.</summary>
    public string? ShadowProblem => _shadowProblem;

    public ReplayResult? Replay => _replay;

    /// <summary>Fingerprints after 0..<paramref name="upTo"/> migrations, or null when neither the file nor a shadow can tell.</summary>
    public async Task<IReadOnlyList<string>?> GetAsync(int upTo, CancellationToken ct)
    {
        if (Integrity is { } file && file.FingerprintAfter(upTo) is not null && (file.IsCurrent || _shadowProblem is not null))
        {
            return [.. Enumerable.Range(0, upTo + 1).Select(i => file.FingerprintAfter(i)!)];
        }

        var replay = await TryReplayAsync(source.Versioned.Count, ct).ConfigureAwait(false);
        if (replay is not null)
        {
            return [.. Enumerable.Range(0, Math.Min(upTo, replay.After.Count) + 1).Select(replay.FingerprintAfter)];
        }

        // The shadow failed: a stale file is still right about the prefix whose files did not change.
        if (Integrity is { } f && f.UsablePrefix >= 0)
        {
            var n = Math.Min(upTo, f.UsablePrefix);
            return [.. Enumerable.Range(0, n + 1).Select(i => f.FingerprintAfter(i)!)];
        }

        return null;
    }

    /// <summary>The replayed schemas (for reports and reconcile), or null with <see cref="ShadowProblem"/> set.</summary>
    public async Task<ReplayResult?> TryReplayAsync(int count, CancellationToken ct)
    {
        if ((_replay is not null && _replay.After.Count >= count) || _shadowProblem is not null)
        {
            return _replay;
        }

        try
        {
            _replay = await ShadowReplay.RunAsync(shadowOptions, targetConnectionString, source, count, historyTable, scope, ct).ConfigureAwait(false);
        }
        catch (TidemarkException ex) when (ex.InnerException is not Execution.MigrationFailedException)
        {
            _shadowProblem = ex.Message;
        }

        return _replay;
    }
}
