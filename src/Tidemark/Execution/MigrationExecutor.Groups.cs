using System.Diagnostics;
using Npgsql;
using Tidemark.Diagnostics;
using Tidemark.Sources;

namespace Tidemark.Execution;

// Consecutive transactional migrations committed together, without giving up per-migration atomicity.
internal sealed partial class MigrationExecutor
{
    /// <summary>Most migrations one group transaction holds (bounds its locks and its work lost on a crash).</summary>
    public const int MaxGroupSize = 100;

    /// <summary>
    /// Applies consecutive transactional migrations in one transaction (one round trip), which
    /// costs what <c>psql -1</c> costs instead of a commit per migration. Each migration keeps its
    /// own history row, so nothing changes for what is recorded. If migration j of the group fails,
    /// the group is rolled back, 1..j−1 are applied again as a group, and j runs alone: a real
    /// failure is then reported exactly as if each migration had its own transaction (the database
    /// stays at j−1), and a failure that only a shared transaction causes (a new enum value used
    /// by a later migration, 55P04) goes away.
    /// </summary>
    public async Task<List<AppliedMigration>> RunGroupAsync(IReadOnlyList<PreparedMigration> group, bool durable, string? versionBefore, CancellationToken ct)
    {
        var applied = new List<AppliedMigration>(group.Count);
        if (group.Count == 1)
        {
            applied.Add(await RunTransactionalAsync(group[0], durable, versionBefore, ct).ConfigureAwait(false));
            return applied;
        }

        var clock = Stopwatch.StartNew();
        Log.ApplyingGroup(logger, group.Count, group[0].Migration.Version, group[^1].Migration.Version);
        await using var batch = BuildBatch(group, durable, out var spans);
        IReadOnlyList<TimeSpan> durations;
        try
        {
            durations = await ExecuteTimedAsync(batch, ct).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == Locking.LeaseFence.SqlState)
        {
            // The lease is gone: nothing of the group landed, and retrying parts of it would fail the same way.
            await RollbackAsync().ConfigureAwait(false);
            throw;
        }
        catch (PostgresException ex)
        {
            await RollbackAsync().ConfigureAwait(false);
            var (j, _) = FailedMigration(batch, ex, spans);
            Log.GroupFellBack(logger, group[j].Migration.Version, ex.SqlState);
            if (j > 0)
            {
                applied.AddRange(await RunGroupAsync([.. group.Take(j)], durable: false, versionBefore, ct).ConfigureAwait(false));
            }

            var before = LastVersion(group.Take(j)) ?? versionBefore;
            applied.Add(await RunTransactionalAsync(group[j], durable && j == group.Count - 1, before, ct).ConfigureAwait(false));
            if (j + 1 < group.Count)
            {
                applied.AddRange(await RunGroupAsync([.. group.Skip(j + 1)], durable, LastVersion(group.Take(j + 1)) ?? before, ct).ConfigureAwait(false));
            }

            return applied;
        }
        catch (OperationCanceledException)
        {
            await RollbackAsync().ConfigureAwait(false);
            throw;
        }

        for (var i = 0; i < group.Count; i++)
        {
            var prepared = group[i];
            var m = prepared.Migration;
            var took = DurationOf(durations, i, clock.Elapsed, group.Count);
            Report(prepared, 0);
            Report(prepared, prepared.Statements.Count, MigrationProgressPhase.MigrationDone, took);
            applied.Add(new AppliedMigration(m.Version, m.Name, KindOf(m), m.Path, prepared.Statements.Count, took, Resumed: false));
        }

        Log.AppliedGroup(logger, group.Count, clock.Elapsed.TotalMilliseconds);
        return applied;
    }

    /// <summary>
    /// All migrations in one transaction, all or nothing (<see cref="TransactionMode.All"/>): a
    /// failure rolls back every migration of the run.
    /// </summary>
    public async Task<List<AppliedMigration>> RunAllOrNothingAsync(IReadOnlyList<PreparedMigration> group, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var batch = BuildBatch(group, durable: true, out var spans);
        IReadOnlyList<TimeSpan> durations;
        try
        {
            durations = await ExecuteTimedAsync(batch, ct).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            await RollbackAsync().ConfigureAwait(false);
            var (j, failed) = FailedMigration(batch, ex, spans);
            if (group[j].Statements.Count == 0)
            {
                throw;
            }

            var index = Math.Clamp(failed - spans[j].FirstStatement, 0, group[j].Statements.Count - 1);
            throw Failed(group[j], index, ex, "rolled back; the whole run was one transaction, so no migration of this run is applied.");
        }
        catch (OperationCanceledException)
        {
            await RollbackAsync().ConfigureAwait(false);
            throw;
        }

        return [.. group.Select((p, i) =>
        {
            var took = DurationOf(durations, i, clock.Elapsed, group.Count);
            Report(p, 0);
            Report(p, p.Statements.Count, MigrationProgressPhase.MigrationDone, took);
            return new AppliedMigration(p.Migration.Version, p.Migration.Name, KindOf(p.Migration), p.Migration.Path, p.Statements.Count, took, Resumed: false);
        })];
    }

    /// <summary>The server-measured duration of migration <paramref name="i"/> of a batch (as on its history row); an even share of the batch only if the rows were not returned.</summary>
    private static TimeSpan DurationOf(IReadOnlyList<TimeSpan> durations, int i, TimeSpan batch, int count) =>
        i < durations.Count ? durations[i] : batch / Math.Max(1, count);

    /// <summary>Which migration of a group batch failed (an error at COMMIT belongs to the last one), and the failing command's index.</summary>
    private static (int Migration, int Command) FailedMigration(NpgsqlBatch batch, PostgresException ex, List<MigrationSpan> spans)
    {
        var failed = FailureMapper.FailedIndex(batch, ex, 0) ?? int.MaxValue;
        var j = spans.FindIndex(s => failed < s.End);
        return (j < 0 ? spans.Count - 1 : j, failed);
    }

    private static string? LastVersion(IEnumerable<PreparedMigration> migrations) =>
        migrations.Where(p => p.Migration.Kind == MigrationKind.Versioned).Select(p => p.Migration.Version).LastOrDefault();
}
