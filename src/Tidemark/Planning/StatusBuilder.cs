using Tidemark.History;
using Tidemark.Sources;
using Tidemark.Text;

namespace Tidemark.Planning;

/// <summary>Combines migrations, history and plan into the per-migration status people read.</summary>
internal static class StatusBuilder
{
    public static MigrationStatus Build(
        string database, string historyTable, MigrationSet source, HistorySnapshot history, Plan plan, IReadOnlyList<HistoryEventRecord> events, string? halfApplied = null)
    {
        var problemsByVersion = plan.Problems.GroupBy(p => p.Version, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var states = new List<MigrationState>();
        foreach (var m in source.Versioned)
        {
            history.ByVersion.TryGetValue(m.Version, out var row);
            problemsByVersion.TryGetValue(m.Version, out var problem);
            var state = (row, problem?.Kind) switch
            {
                (_, ProblemKind.ChecksumChanged) => MigrationStateKind.Changed,
                (null, ProblemKind.OutOfOrder) => MigrationStateKind.OutOfOrder,
                (null, _) when m.Version == halfApplied => MigrationStateKind.HalfApplied,
                (null, _) => MigrationStateKind.Pending,
                ({ IsPartial: true }, _) => MigrationStateKind.Partial,
                ({ Kind: HistoryKinds.Adopted, Source: not (null or "catalog") }, _) => MigrationStateKind.Applied,
                ({ Kind: HistoryKinds.Adopted }, _) => MigrationStateKind.Adopted,
                _ => MigrationStateKind.Applied,
            };
            var detail = problem?.Message
                ?? (row is { IsPartial: true } ? $"{row.StatementsDone} of {Words.Count(row.StatementsTotal, "statement")} done" : null);
            states.Add(new MigrationState(m.Version, m.Name, row?.Kind ?? HistoryKinds.Versioned, state, m.Path,
                row is { Id: 0 } ? null : row?.AppliedAt, row?.AppliedBy, row?.DurationMs, detail)
            { Source = row?.Source is "catalog" or "completed" ? null : row?.Source });
        }

        foreach (var missing in plan.Problems.Where(p => p.Kind == ProblemKind.Missing))
        {
            var row = history.ByVersion[missing.Version];
            states.Add(new MigrationState(row.Version, row.Name, row.Kind, MigrationStateKind.Missing, row.Path, row.AppliedAt, row.AppliedBy, row.DurationMs, missing.Message));
        }

        foreach (var r in source.Repeatable)
        {
            history.LatestRepeatable.TryGetValue(r.Name, out var row);
            var pending = plan.Steps.Any(s => ReferenceEquals(s.Migration, r));
            states.Add(new MigrationState(r.Version, r.Name, HistoryKinds.Repeatable,
                pending ? MigrationStateKind.Pending : MigrationStateKind.Applied, r.Path, row?.AppliedAt, row?.AppliedBy, row?.DurationMs,
                pending && row is not null ? "changed since last applied" : null));
        }

        return new MigrationStatus(database, source.Location, historyTable, history.Exists, plan.CurrentVersion, states, plan.Problems)
        {
            LastFailure = events.FirstOrDefault(e => e.Kind == HistoryEventKinds.Failure),
            Events = events,
        };
    }
}
