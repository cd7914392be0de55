using System.Text;
using Tidemark.Catalog;
using Tidemark.Diff;

namespace Tidemark.Declarative;

/// <summary>A hazard of a change: its shared code (<c>TM200</c>, as lint findings use) and kind (<c>DataLoss</c>).</summary>
public sealed record HazardInfo(string Code, string Name)
{
    /// <summary><c>TM200 DataLoss</c>.</summary>
    public override string ToString() => Code + " " + Name;
}

/// <summary>One statement of a <see cref="SchemaDifference"/>.</summary>
/// <param name="Kind"><c>create</c>, <c>alter</c> or <c>drop</c>.</param>
/// <param name="ObjectKey">The object changed, e.g. <c>column:public.users.email</c>.</param>
/// <param name="Sql">The statement, without a trailing semicolon.</param>
/// <param name="Hazards">What deserves attention (data loss, rewrite, lock, scan, breaking).</param>
/// <param name="Reason">Why the hazards (or the statement), when not obvious.</param>
/// <param name="RequiresCommit">Later statements need this one committed first (<c>ALTER TYPE ... ADD VALUE</c>).</param>
public sealed record SchemaDifferenceStep(string Kind, string ObjectKey, string Sql, IReadOnlyList<HazardInfo> Hazards, string? Reason, bool RequiresCommit)
{
    /// <summary>This statement destroys stored values.</summary>
    public bool LosesData => Hazards.Any(h => h.Name == nameof(Diff.Hazards.DataLoss));
}

/// <summary>
/// The ordered statements that turn one schema into another (<see cref="Between"/>), each with its hazards; the
/// differences the differ cannot make (<see cref="Unsupported"/>); and, per side, the objects the model does not compare.
/// </summary>
public sealed class SchemaDifference
{
    private SchemaDifference(SchemaSnapshot from, SchemaSnapshot to, IReadOnlyList<SchemaDifferenceStep> changes, IReadOnlyList<string> unsupported)
    {
        From = from;
        To = to;
        Changes = changes;
        Unsupported = unsupported;
    }

    /// <summary>The schema changed.</summary>
    public SchemaSnapshot From { get; }

    /// <summary>The schema aimed at.</summary>
    public SchemaSnapshot To { get; }

    /// <summary>The statements, in the order they must run.</summary>
    public IReadOnlyList<SchemaDifferenceStep> Changes { get; }

    /// <summary>Differences no statement here makes (each with the reason); when any, applying the changes does not reach <see cref="To"/>.</summary>
    public IReadOnlyList<string> Unsupported { get; }

    /// <summary>Nothing to change and nothing unsupported.</summary>
    public bool IsEmpty => Changes.Count == 0 && Unsupported.Count == 0;

    /// <summary>Some statement destroys stored values.</summary>
    public bool LosesData => Changes.Any(c => c.LosesData);

    /// <summary>The hazards of all statements, once each, in code order.</summary>
    public IReadOnlyList<HazardInfo> Hazards => Changes.SelectMany(c => c.Hazards).Distinct().OrderBy(h => h.Code, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The difference between two schemas. Renames declared in <paramref name="to"/> (hints) run after the other
    /// statements, so a renamed column keeps its values instead of being dropped and added.
    /// </summary>
    public static SchemaDifference Between(SchemaSnapshot from, SchemaSnapshot to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var diff = SchemaDiffer.Diff(from.ModelForDiff, to.ModelForDiff);
        var steps = diff.Changes.Select(Step).ToList();
        var tableRenames = to.RenameSteps.Where(r => r.Column is null).ToList();
        foreach (var r in tableRenames)
        {
            steps.Add(new SchemaDifferenceStep("alter", ObjectKey.Table(r.Table).Value, r.Sql(r.Table), [], "renamed-from hint: the table keeps its rows", false));
        }

        foreach (var r in to.RenameSteps.Where(r => r.Column is not null))
        {
            steps.Add(new SchemaDifferenceStep("alter", ObjectKey.Column(r.Table, r.Column!).Value, r.Sql(r.Table), [], "renamed-from hint: the column keeps its values", false));
        }

        // Column order is not significant (ALTER TABLE can only append; the columns are the same).
        var unsupported = diff.Unsupported.Where(u => !u.Contains(": column order differs", StringComparison.Ordinal)).ToArray();
        return new SchemaDifference(from, to, steps, unsupported);
    }

    /// <summary>
    /// The statements as a script: <c>-- hazard: TM200 DataLoss — reason</c> comments before hazardous statements,
    /// unsupported differences first as comments, statements separated by <paramref name="separator"/>
    /// (<c>;\n</c>, or <c>;\n--> statement-breakpoint\n</c> for drizzle).
    /// </summary>
    public string ToSql(string separator = ";\n")
    {
        var sb = new StringBuilder();
        foreach (var u in Unsupported)
        {
            sb.Append("-- unsupported: ").Append(u.ReplaceLineEndings(" ")).Append('\n');
        }

        for (var i = 0; i < Changes.Count; i++)
        {
            var c = Changes[i];
            if (c.Hazards.Count > 0)
            {
                sb.Append("-- hazard: ").Append(string.Join(", ", c.Hazards)).Append(c.Reason is null ? "" : " — " + c.Reason.ReplaceLineEndings(" ")).Append('\n');
            }

            sb.Append(c.Sql).Append(i == Changes.Count - 1 ? ";\n" : separator);
        }

        return sb.ToString();
    }

    private static SchemaDifferenceStep Step(SchemaChange c) => new(
        c.Kind.ToString().ToLowerInvariant(), c.ObjectKey, c.Sql,
        [.. HazardCodes.Of(c.Hazards).Select(h => new HazardInfo(h.Code, h.Kind.ToString()))], c.Reason, c.RequiresCommit);
}
