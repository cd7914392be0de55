using Tidemark.Catalog;
using Tidemark.History;
using Tidemark.Shadow;
using Tidemark.Sources;

namespace Tidemark.Reconciliation;

/// <summary>
/// What each prefix of the migrations produces: fingerprints from the integrity file when it is current,
/// otherwise by replay in a shadow database (and, when the shadow fails, from the part of a stale file whose
/// files did not change). Replays are lazy and reused within a run.
/// </summary>
internal sealed class AdoptionFingerprints(
    MigrationSet source, IntegrityCheck? integrity, ShadowOptions shadowOptions, string targetConnectionString,
    HistoryTable historyTable, SchemaScope scope)
{
    private ReplayResult? _replay;
    private string? _shadowProblem;

    public IntegrityCheck? Integrity { get; } = integrity;

    /// <summary>Schema-per-tenant: the tenant's schema (no integrity file is used for it).</summary>
    public string? Tenant => scope.Tenant;

    /// <summary>The shadow worked but a migration failed in it: the migrations do not apply to an empty database.</summary>
    public bool ReplayFailed { get; private set; }

    /// <summary>Why the shadow could not be used, when it was tried and failed.</summary>
    public string? ShadowProblem => _shadowProblem;

    /// <summary>The fingerprint after the first <paramref name="count"/> migrations, or null when nothing can tell.</summary>
    public async Task<string?> FingerprintAfterAsync(int count, CancellationToken ct)
    {
        if (Integrity is { IsCurrent: true } file)
        {
            return file.FingerprintAfter(count);
        }

        if (await ReplayAsync(count, (_, i, _) => Task.FromResult(i == count), ct).ConfigureAwait(false) is { } replay)
        {
            return replay.FingerprintAfter(count);
        }

        return Integrity?.FingerprintAfter(count);
    }

    /// <summary>
    /// The longest prefix k ≥ 1 whose schema has <paramref name="liveFingerprint"/> (0 when none), with the
    /// fingerprints known after each prefix (null where not computed); null when nothing can tell.
    /// </summary>
    public async Task<(int Match, IReadOnlyList<string?> Fingerprints)?> LongestMatchAsync(string liveFingerprint, string liveSummary, CancellationToken ct)
    {
        var n = source.Versioned.Count;
        IReadOnlyList<string?>? fps = null;
        if (Integrity is { IsCurrent: true } file)
        {
            fps = [.. Enumerable.Range(0, n + 1).Select(file.FingerprintAfter)];
        }
        else if (await ReplayAsync(n, async (c, _, t) => await SchemaSummary.ComputeAsync(c, scope, t).ConfigureAwait(false) == liveSummary, ct).ConfigureAwait(false) is { } replay)
        {
            fps = [.. Enumerable.Range(0, n + 1).Select(replay.FingerprintAfter)];
        }
        else if (Integrity is { UsablePrefix: >= 0 } stale)
        {
            fps = [.. Enumerable.Range(0, stale.UsablePrefix + 1).Select(stale.FingerprintAfter)];
        }

        if (fps is null)
        {
            return null;
        }

        for (var k = fps.Count - 1; k >= 1; k--)
        {
            if (fps[k] == liveFingerprint)
            {
                return (k, fps);
            }
        }

        return (0, fps);
    }

    /// <summary>Every prefix replayed and read (for reports and reconcile), or null with <see cref="ShadowProblem"/> set.</summary>
    public Task<ReplayResult?> FullReplayAsync(int count, CancellationToken ct) => ReplayAsync(count, null, ct);

    /// <summary>The schema after the first <paramref name="count"/> migrations by replay, or null.</summary>
    public async Task<SchemaModel?> ModelAfterAsync(int count, CancellationToken ct) =>
        (await ReplayAsync(count, (_, i, _) => Task.FromResult(i == count), ct).ConfigureAwait(false))?.ModelAfter(count);

    private async Task<ReplayResult?> ReplayAsync(int count, Func<Npgsql.NpgsqlConnection, int, CancellationToken, Task<bool>>? readAfter, CancellationToken ct)
    {
        if (_shadowProblem is not null)
        {
            return null;
        }

        if (_replay is not null && _replay.After.Count >= count && (_replay.Complete || (readAfter is not null && _replay.ModelAfter(count) is not null)))
        {
            return _replay;
        }

        try
        {
            _replay = await ShadowReplay.RunAsync(shadowOptions, targetConnectionString, source, count, historyTable, scope, ct, readAfter).ConfigureAwait(false);
        }
        catch (TidemarkException ex)
        {
            _shadowProblem = ex.Message;
            ReplayFailed = ex.InnerException is Execution.MigrationFailedException;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            // e.g. the temporary database was created but cannot be logged into without the password.
            _shadowProblem = "the shadow database could not be used: " + ex.Message;
        }

        return _replay;
    }
}
