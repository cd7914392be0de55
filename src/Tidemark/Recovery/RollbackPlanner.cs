using Tidemark.Execution;
using Tidemark.History;
using Tidemark.Sources;
using Tidemark.Text;

namespace Tidemark.Recovery;

/// <summary>One migration to undo: the applied migration, its history row, its down file prepared.</summary>
internal sealed record RollbackStep(Migration Migration, HistoryRecord Row, PreparedMigration Down)
{
    /// <summary>The down SQL was generated (no down file).</summary>
    public bool Generated { get; init; }
}

/// <summary>The migrations to undo, newest first, and the version the database ends at.</summary>
internal sealed record RollbackPlan(string? FromVersion, string? ToVersion, IReadOnlyList<RollbackStep> Steps);

/// <summary>Decides which applied migrations a rollback undoes; refuses (naming them) when any has no down file. Pure, no I/O.</summary>
internal static class RollbackPlanner
{
    public static RollbackPlan Build(MigrationSet source, HistorySnapshot history, RollbackRequest request,
        IReadOnlyDictionary<string, GeneratedDown>? generated = null)
    {
        var (applied, undo) = Select(source, history, request);
        var withoutDown = undo.Where(m => m.DownSql is null && generated?.ContainsKey(m.Version) != true).ToList();
        if (withoutDown.Count > 0)
        {
            throw new RecoveryRefusedException(
                $"Cannot roll back: {string.Join(", ", withoutDown.Select(m => $"{m.Label} ({m.Path})"))} " +
                $"{(withoutDown.Count == 1 ? "has" : "have")} no down migration; nothing was changed.",
                "Write the down SQL next to the migration (<name>.down.sql; Flyway: U<version>__<description>.sql; drizzle folders: down.sql), or let Tidemark generate it (needs a shadow database), review it, and run the rollback again.");
        }

        var steps = undo.Select(m =>
        {
            var sql = m.DownSql ?? generated![m.Version].Sql;
            return new RollbackStep(m, history.ByVersion[m.Version], PreparedMigration.Prepare(m with
            {
                Sql = sql,
                Path = m.DownPath ?? $"(generated down of {m.Path})",
                NoTransactionDirective = SourceFileReader.HasNoTransactionDirective(sql),
            }))
            { Generated = m.DownSql is null };
        }).ToList();
        var remaining = applied.Skip(undo.Count).FirstOrDefault()?.Version;
        return new RollbackPlan(applied.FirstOrDefault()?.Version, remaining, steps);
    }

    /// <summary>The applied migrations (newest first) and those the request undoes; refuses impossible requests. Pure.</summary>
    public static (List<Migration> Applied, List<Migration> Undo) Select(MigrationSet source, HistorySnapshot history, RollbackRequest request)
    {
        if ((request.ToVersion is null) == (request.Steps is null))
        {
            throw new TidemarkException("Say how far to roll back: give either a target version or a number of steps.",
                "Use `tidemark rollback --to <version>` (--to 0 undoes everything) or `tidemark rollback --steps <n>`.");
        }

        if (request.Steps is < 1)
        {
            throw new TidemarkException($"--steps must be at least 1 (got {request.Steps}).", "Use `tidemark rollback --steps 1` to undo the newest migration.");
        }

        var known = source.Versioned.Select(m => m.Version).ToHashSet(StringComparer.Ordinal);
        var missing = history.ByVersion.Values.Where(r => !known.Contains(r.Version)).ToList();
        if (missing.Count > 0)
        {
            throw new RecoveryRefusedException(
                $"Cannot roll back: applied {Words.Noun(missing.Count, "migration")} {string.Join(", ", missing.Select(r => $"{r.Version} {r.Name}"))} {(missing.Count == 1 ? "is" : "are")} no longer in {source.Location}, so their down files cannot be read.",
                "Restore the files, or remove their history rows on purpose with `tidemark resolve <version> --rolled-back`.");
        }

        var applied = source.Versioned.Where(m => history.ByVersion.ContainsKey(m.Version)).Reverse().ToList();
        List<Migration> undo;
        if (request.Steps is { } n)
        {
            undo = [.. applied.Take(n)];
        }
        else if (request.ToVersion == "0")
        {
            undo = applied;
        }
        else
        {
            var target = source.Versioned.FirstOrDefault(m => m.Version == request.ToVersion)
                ?? throw new TidemarkException($"There is no migration with version {request.ToVersion} in {source.Location}.",
                    "Pass a version listed by `tidemark status`, or 0 to undo everything.");
            undo = [.. applied.Where(m => m.Order > target.Order)];
        }

        var partial = undo.Where(m => history.ByVersion[m.Version].IsPartial).ToList();
        if (partial.Count > 0)
        {
            var p = partial[0];
            var row = history.ByVersion[p.Version];
            throw new RecoveryRefusedException(
                $"Cannot roll back {p.Label}: it is only partly applied ({row.StatementsDone} of {Words.Count(row.StatementsTotal, "statement")}), so its down file would undo things that never happened.",
                $"Finish it first with `tidemark migrate` (it resumes where it stopped), or, after fixing the database by hand, `tidemark resolve {p.Version} --applied` or `--rolled-back`.");
        }

        return (applied, undo);
    }
}
