using Tidemark.History;
using Tidemark.Sources;

namespace Tidemark.Planning;

/// <summary>Compares the migrations with the history and decides what to do: pure, no I/O.</summary>
internal static class Planner
{
    public static Plan Build(MigrationSet source, HistorySnapshot history, bool allowOutOfOrder)
    {
        var problems = new List<ValidationProblem>();
        var steps = new List<PlanStep>();
        var byVersion = source.Versioned.ToDictionary(m => m.Version, StringComparer.Ordinal);

        // Applied migrations must still be there, unchanged.
        foreach (var record in history.ByVersion.Values)
        {
            if (!byVersion.TryGetValue(record.Version, out var migration))
            {
                problems.Add(new ValidationProblem(
                    ProblemKind.Missing, record.Version, record.Name, record.Path,
                    $"{(record.Path is null ? $"Migration {record.Version} ({record.Name})" : $"{record.Path} (migration {record.Version})")} was applied on {record.AppliedAt:yyyy-MM-dd HH:mm} but is no longer in {source.Location}.",
                    "Restore the file (from version control), or remove its history row on purpose with `tidemark repair` once it exists."));
                continue;
            }

            if (record.IsApplied && !string.Equals(record.Checksum, migration.Checksum, StringComparison.Ordinal))
            {
                problems.Add(new ValidationProblem(
                    ProblemKind.ChecksumChanged, migration.Version, migration.Name, migration.Path,
                    $"{migration.Path} was edited after it was applied (checksum {Short(record.Checksum)} in history, {Short(migration.Checksum)} on disk).",
                    "Revert the edit and put the change in a new migration; if the edit is intended and harmless, accept it with `tidemark repair`."));
            }
        }

        var newestApplied = source.Versioned
            .Where(m => history.ByVersion.ContainsKey(m.Version))
            .Select(m => (Migration?)m)
            .LastOrDefault();

        foreach (var migration in source.Versioned)
        {
            if (history.ByVersion.TryGetValue(migration.Version, out var record))
            {
                if (record.IsPartial)
                {
                    steps.Add(new PlanStep(migration, StepAction.Resume,
                        $"interrupted after statement {record.StatementsDone} of {record.StatementsTotal}", record.StatementsDone)
                    { HistoryId = record.Id });
                }

                continue;
            }

            if (newestApplied is not null && migration.Order < newestApplied.Order)
            {
                if (!allowOutOfOrder)
                {
                    problems.Add(new ValidationProblem(
                        ProblemKind.OutOfOrder, migration.Version, migration.Name, migration.Path,
                        $"{migration.Path} is new but sorts before {newestApplied.Version} ({newestApplied.Name}), which is already applied.",
                        "Rename it so it sorts after the newest applied migration, or allow it with --allow-out-of-order."));
                    continue;
                }

                steps.Add(new PlanStep(migration, StepAction.Apply, "pending, out of order (allowed)"));
                continue;
            }

            steps.Add(new PlanStep(migration, StepAction.Apply, "pending"));
        }

        foreach (var repeatable in source.Repeatable)
        {
            if (!history.LatestRepeatable.TryGetValue(repeatable.Name, out var last))
            {
                steps.Add(new PlanStep(repeatable, StepAction.Reapply, "repeatable, never applied"));
            }
            else if (!string.Equals(last.Checksum, repeatable.Checksum, StringComparison.Ordinal))
            {
                steps.Add(new PlanStep(repeatable, StepAction.Reapply, "repeatable, changed since last applied"));
            }
        }

        return new Plan(source, steps, problems, newestApplied?.Version);
    }

    private static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] : checksum;
}
