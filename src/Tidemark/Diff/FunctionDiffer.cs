using Tidemark.Catalog;

namespace Tidemark.Diff;

/// <summary>
/// Functions, procedures and aggregates. Routines that table columns, constraints or types use are created before
/// tables; the others after tables (their bodies may read tables) and before views and triggers.
/// </summary>
internal static class FunctionDiffer
{
    public static void Diff(DiffContext ctx)
    {
        foreach (var f in ctx.To.Functions)
        {
            var phase = IsNeededByTables(ctx.ToIx, f.Key) ? DiffPhase.EarlyFunctions : DiffPhase.LateFunctions;
            var old = ctx.FromIx.FindFunction(f.Key);
            if (old is null)
            {
                ctx.Add(phase, ChangeKind.Create, f.Key, Sql.Trim(f.Definition));
            }
            else if (old with { Comment = null } != f with { Comment = null })
            {
                if (CanReplace(old, f))
                {
                    ctx.Add(phase, ChangeKind.Alter, f.Key, Sql.Trim(f.Definition));
                }
                else
                {
                    ctx.RecreatedFunctions.Add(f.Key);
                    ctx.Add(phase, ChangeKind.Drop, f.Key, "DROP " + KindWord(old.Kind) + " " + old.Signature, Hazards.Breaking,
                        "its result type, argument names or kind change, which CREATE OR REPLACE cannot do");
                    ctx.Add(phase, ChangeKind.Create, f.Key, Sql.Trim(f.Definition));
                }
            }

            var commentBefore = old is not null && !ctx.RecreatedFunctions.Contains(f.Key) ? old.Comment : null;
            Sql.Comment(ctx, f.Key, KindWord(f.Kind) + " " + f.Signature, commentBefore, f.Comment);
        }

        foreach (var f in ctx.From.Functions)
        {
            if (ctx.ToIx.FindFunction(f.Key) is null)
            {
                ctx.Add(DiffPhase.DropFunctions, ChangeKind.Drop, f.Key, "DROP " + KindWord(f.Kind) + " " + f.Signature, Hazards.Breaking,
                    "callers of this routine fail");
            }
        }
    }

    /// <summary>
    /// Routines whose bodies PostgreSQL tracks (SQL-standard <c>BEGIN ATOMIC</c> bodies) block type changes of the
    /// columns they read: drop them before the column changes and create them again afterwards.
    /// Runs after the table differ has decided which columns are reshaped.
    /// </summary>
    public static void RecreateAroundReshapedColumns(DiffContext ctx)
    {
        foreach (var old in ctx.From.Functions)
        {
            var f = ctx.ToIx.FindFunction(old.Key);
            if (f is null || !ctx.ReadsReshapedColumn(old.Key))
            {
                continue;
            }

            var phase = IsNeededByTables(ctx.ToIx, f.Key) ? DiffPhase.EarlyFunctions : DiffPhase.LateFunctions;
            var incompatible = !ctx.RecreatedFunctions.Add(f.Key); // already dropped and created again: its signature changes
            ctx.Remove(phase, c => c.ObjectKey == f.Key.Value && c.Kind == ChangeKind.Drop);
            ctx.Add(DiffPhase.DropDependentFunctions, ChangeKind.Drop, f.Key, "DROP " + KindWord(old.Kind) + " " + old.Signature,
                incompatible ? Hazards.Breaking : Hazards.None,
                "it reads a column whose type changes; it is created again afterwards" + (incompatible ? " with a different result or arguments" : ""));
            if (!ctx.Has(phase, f.Key))
            {
                ctx.Add(DiffPhase.LateFunctions, ChangeKind.Create, f.Key, Sql.Trim(f.Definition));
            }

            if (f.Comment is not null && f.Comment == old.Comment)
            {
                Sql.Comment(ctx, f.Key, KindWord(f.Kind) + " " + f.Signature, null, f.Comment);
            }
        }
    }

    public static string KindWord(FunctionKind kind) => kind switch
    {
        FunctionKind.Procedure => "PROCEDURE",
        FunctionKind.Aggregate => "AGGREGATE",
        _ => "FUNCTION",
    };

    private static bool CanReplace(FunctionInfo old, FunctionInfo f) =>
        old.Kind == f.Kind
        && f.Kind is FunctionKind.Function or FunctionKind.Procedure
        && string.Equals(old.ReturnType, f.ReturnType, StringComparison.Ordinal)
        && string.Equals(old.Arguments, f.Arguments, StringComparison.Ordinal);

    private static bool IsNeededByTables(ModelIndex model, ObjectKey function)
    {
        foreach (var dependent in model.DependentsOf(function))
        {
            if (dependent.Kind is "table" or "column" or "constraint" or "type" or "index")
            {
                return true;
            }
        }

        return false;
    }
}
