using Tidemark.Catalog;

namespace Tidemark.Diff;

/// <summary>
/// Views and materialized views. A view is dropped (dependents first) when it is removed, changes in a way
/// CREATE OR REPLACE cannot express, or reads a column, view or function that this diff reshapes; it is created
/// again (dependencies first) after tables and functions are in their final shape.
/// </summary>
internal static class ViewDiffer
{
    public static void Diff(DiffContext ctx)
    {
        var drop = new HashSet<QualifiedName>();
        foreach (var v in ctx.From.Views)
        {
            var now = ctx.ToIx.FindView(v.Name);
            if (now is null || (Changed(v, now) && !Replaceable(v, now)))
            {
                drop.Add(v.Name);
            }
        }

        bool grew;
        do
        {
            grew = false;
            foreach (var v in ctx.From.Views)
            {
                if (!drop.Contains(v.Name) && ReadsReshaped(ctx, v, drop))
                {
                    drop.Add(v.Name);
                    grew = true;
                }
            }
        }
        while (grew);

        var dropOrder = Sql.TopoSort(ctx.From.Views.Where(v => drop.Contains(v.Name)).ToList(), v => v.Key, ctx.FromIx.DependenciesOf);
        for (var i = dropOrder.Count - 1; i >= 0; i--)
        {
            var v = dropOrder[i];
            var now = ctx.ToIx.FindView(v.Name);
            var breaking = now is null || Reshaped(v, now);
            ctx.DroppedViews.Add(v.Name);
            ctx.Add(DiffPhase.DropViews, ChangeKind.Drop, v.Key, "DROP " + (v.Materialized ? "MATERIALIZED VIEW " : "VIEW ") + v.Name,
                breaking ? Hazards.Breaking : Hazards.None,
                now is null ? "readers of this view fail" : breaking ? "its columns change: it is dropped and created again" : "recreated around a change to what it reads");
        }

        foreach (var v in Sql.TopoSort(ctx.To.Views.ToList(), v => v.Key, ctx.ToIx.DependenciesOf))
        {
            var old = ctx.FromIx.FindView(v.Name);
            if (old is not null && !drop.Contains(v.Name))
            {
                if (Changed(old, v))
                {
                    ctx.Add(DiffPhase.Views, ChangeKind.Alter, v.Key, Create(v, replace: true));
                }

                TablePartsDiffer.DiffIndexes(ctx, v.Name, old.Indexes, v.Indexes, partitioned: false, DiffPhase.ViewIndexes);
                TablePartsDiffer.DiffTriggers(ctx, v.Name, old.Triggers, v.Triggers);
            }
            else
            {
                ctx.Add(DiffPhase.Views, ChangeKind.Create, v.Key, Create(v, replace: false));
                TablePartsDiffer.DiffIndexes(ctx, v.Name, [], v.Indexes, partitioned: false, DiffPhase.ViewIndexes);
                TablePartsDiffer.DiffTriggers(ctx, v.Name, [], v.Triggers);
                old = null;
            }

            Sql.Comment(ctx, v.Key, (v.Materialized ? "MATERIALIZED VIEW " : "VIEW ") + v.Name, old?.Comment, v.Comment);
            foreach (var c in v.Columns)
            {
                var was = old?.Columns.FirstOrDefault(x => x.Name == c.Name);
                Sql.Comment(ctx, ObjectKey.Column(v.Name, c.Name), "COLUMN " + v.Name + "." + Sql.Q(c.Name), was?.Comment, c.Comment);
            }
        }
    }

    private static bool Changed(ViewInfo a, ViewInfo b) =>
        a.Materialized != b.Materialized || a.Definition != b.Definition || a.Options != b.Options || !SameColumns(a, b);

    /// <summary>The view itself changes for its readers (not just the types flowing through it).</summary>
    private static bool Reshaped(ViewInfo a, ViewInfo b) =>
        a.Materialized != b.Materialized || a.Definition != b.Definition || !a.Columns.Select(c => c.Name).SequenceEqual(b.Columns.Select(c => c.Name));

    private static bool SameColumns(ViewInfo a, ViewInfo b) =>
        a.Columns.Count == b.Columns.Count && a.Columns.Zip(b.Columns).All(p => p.First.Name == p.Second.Name && p.First.Type == p.Second.Type);

    /// <summary>CREATE OR REPLACE VIEW can only append columns to a plain view.</summary>
    private static bool Replaceable(ViewInfo a, ViewInfo b) =>
        !a.Materialized && !b.Materialized && a.Columns.Count <= b.Columns.Count
        && a.Columns.Zip(b.Columns).All(p => p.First.Name == p.Second.Name && p.First.Type == p.Second.Type);

    private static bool ReadsReshaped(DiffContext ctx, ViewInfo v, HashSet<QualifiedName> dropping)
    {
        foreach (var d in ctx.FromIx.DependenciesOf(v.Key))
        {
            switch (d.Kind)
            {
                case "column" when ctx.ReshapedColumns.Contains(d):
                case "function" when ctx.RecreatedFunctions.Contains(d) || ctx.ToIx.FindFunction(d) is null:
                    return true;
                case "view" when dropping.Any(n => ObjectKey.View(n) == d):
                    return true;
                case "table" when ctx.ReshapedColumns.Any(c => c.Value.StartsWith("column:" + d.Value["table:".Length..] + ".", StringComparison.Ordinal)):
                    return true;
                case "type" when ctx.RecreatedTypes.Contains(d):
                    return true;
            }
        }

        return false;
    }

    private static string Create(ViewInfo v, bool replace)
    {
        var sql = "CREATE " + (replace ? "OR REPLACE " : "") + (v.Materialized ? "MATERIALIZED VIEW " : "VIEW ") + v.Name;
        if (v.Options.Count > 0)
        {
            sql += " WITH (" + string.Join(", ", v.Options) + ")";
        }

        return sql + " AS\n" + Sql.Trim(v.Definition).Trim();
    }
}
