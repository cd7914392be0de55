using System.Globalization;
using Tidemark.Catalog;

namespace Tidemark.Diff;

/// <summary>Standalone (and serial) sequences. OWNED BY is set after tables exist and cleared before columns are dropped.</summary>
internal static class SequenceDiffer
{
    public static void Diff(DiffContext ctx)
    {
        foreach (var s in ctx.To.Sequences)
        {
            var old = ctx.FromIx.FindSequence(s.Name);
            if (old is null)
            {
                ctx.Add(DiffPhase.Sequences, ChangeKind.Create, s.Key, "CREATE SEQUENCE " + s.Name + " AS " + s.DataType + " " + Options(s));
            }
            else if (old with { Comment = null, OwnedBy = null } != s with { Comment = null, OwnedBy = null })
            {
                // No RESTART: the counter keeps its value. When the current value lies outside a narrowed range,
                // PostgreSQL itself refuses the statement ("RESTART value ... cannot be greater than MAXVALUE"),
                // which is the right answer: restarting would issue values already used.
                // A sequence that never issued a value (is_called false) has nothing to keep: it restarts at its new
                // START WITH, exactly as the target's new sequence would.
                var narrowed = s.Min > old.Min || s.Max < old.Max;
                var alter = "ALTER SEQUENCE " + s.Name + " AS " + s.DataType + " " + Options(s);
                var sql = narrowed || s.Start != old.Start
                    ? "DO $tidemark$ BEGIN IF (SELECT is_called FROM " + s.Name + ") THEN " + alter + "; ELSE " + alter + " RESTART; END IF; END $tidemark$"
                    : alter;
                ctx.Add(DiffPhase.Sequences, ChangeKind.Alter, s.Key, sql,
                    reason: narrowed ? "its range shrinks: the counter keeps its value, and PostgreSQL refuses the change if that value lies outside the new range" : null);
            }

            if (old?.OwnedBy != s.OwnedBy)
            {
                if (s.OwnedBy is null)
                {
                    ctx.Add(DiffPhase.DropTriggers, ChangeKind.Alter, s.Key, "ALTER SEQUENCE " + s.Name + " OWNED BY NONE",
                        reason: "released before its old owner column changes");
                }
                else
                {
                    ctx.Add(DiffPhase.SequenceOwnership, ChangeKind.Alter, s.Key, "ALTER SEQUENCE " + s.Name + " OWNED BY " + s.OwnedBy);
                }
            }

            Sql.Comment(ctx, s.Key, "SEQUENCE " + s.Name, old?.Comment, s.Comment);
        }

        foreach (var s in ctx.From.Sequences)
        {
            if (ctx.ToIx.FindSequence(s.Name) is not null)
            {
                continue;
            }

            if (s.OwnedBy is { } owner && (ctx.DroppedTables.Contains(owner.Table) || ctx.DroppedColumns.Contains(owner.Key)))
            {
                continue; // dropped with its owning column
            }

            ctx.Add(DiffPhase.DropSequences, ChangeKind.Drop, s.Key, "DROP SEQUENCE " + s.Name, Hazards.DataLoss, "the sequence's current value is lost");
        }
    }

    public static string Options(SequenceInfo s) => Options(s.Start, s.Increment, s.Min, s.Max, s.Cache, s.Cycle);

    public static string Options(long start, long increment, long min, long max, long cache, bool cycle) =>
        string.Create(CultureInfo.InvariantCulture,
            $"START WITH {start} INCREMENT BY {increment} MINVALUE {min} MAXVALUE {max} CACHE {cache} {(cycle ? "CYCLE" : "NO CYCLE")}");
}
