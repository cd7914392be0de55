using System.Collections.Immutable;
using System.Text;
using Tidemark.Catalog;

namespace Tidemark.Diff;

/// <summary>
/// The ordered changes that turn one schema into another. <see cref="Unsupported"/> lists differences the
/// differ refuses to reconcile (each with the reason); when it is not empty, applying the changes does not
/// reach the target schema. Computed by <see cref="Between"/>; pure, no database access. Renames are never
/// guessed: a renamed object is a drop and a create.
/// </summary>
/// <param name="Changes">The DDL statements in the order they must run.</param>
/// <param name="Unsupported">Differences the differ cannot turn into SQL, each with the reason.</param>
public sealed record SchemaDiff(ImmutableArray<SchemaChange> Changes, ImmutableArray<string> Unsupported)
{
    internal SchemaDiff(ImmutableArray<SchemaChange> changes)
        : this(changes, ImmutableArray<string>.Empty)
    {
    }

    /// <summary>Things a reader should know that do not keep the changes from reaching the target (a column appended, not placed).</summary>
    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>The changes that turn the schema of <paramref name="from"/> into that of <paramref name="to"/>.</summary>
    /// <param name="from">The schema to change (e.g. production).</param>
    /// <param name="to">The schema that is the goal (e.g. a database the migrations were replayed in).</param>
    /// <param name="options">Choices the differ cannot make alone; <see cref="DiffOptions.Default"/> when null.</param>
    public static SchemaDiff Between(SchemaCatalog from, SchemaCatalog to, DiffOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return SchemaDiffer.Diff(from.Model, to.Model, options);
    }

    /// <summary>True when there is nothing to change and nothing unsupported.</summary>
    public bool IsEmpty => Changes.IsDefaultOrEmpty && Unsupported.IsDefaultOrEmpty;

    /// <summary>Union of every change's hazards.</summary>
    public Hazards Hazards => Changes.IsDefault ? Hazards.None : Changes.Aggregate(Hazards.None, (h, c) => h | c.Hazards);

    /// <summary>
    /// The changes as one SQL script: statements separated by <c>;\n</c>, each preceded by <c>-- hazard: TM200 DataLoss, ...</c> (codes shared with lint)
    /// comments when it has hazards, and a <c>-- commit here</c> note after statements that require a commit.
    /// Unsupported differences are listed first as <c>-- unsupported: ...</c> comments.
    /// </summary>
    public string ToSql()
    {
        var sb = new StringBuilder();
        foreach (var u in Unsupported.IsDefault ? [] : Unsupported)
        {
            sb.Append("-- unsupported: ").Append(u.ReplaceLineEndings(" ")).Append('\n');
        }

        foreach (var n in Notes.IsDefault ? [] : Notes)
        {
            sb.Append("-- note: ").Append(n.ReplaceLineEndings(" ")).Append('\n');
        }

        foreach (var c in Changes.IsDefault ? [] : Changes)
        {
            if (c.Hazards != Hazards.None)
            {
                sb.Append("-- hazard: ").Append(HazardCodes.Describe(c.Hazards));
                if (c.Reason is not null)
                {
                    sb.Append(" — ").Append(c.Reason.ReplaceLineEndings(" "));
                }

                sb.Append('\n');
            }

            sb.Append(c.Sql).Append(";\n");
            if (c.RequiresCommit)
            {
                sb.Append("-- commit here: later statements may use what this one added\n");
            }
        }

        return sb.ToString();
    }
}
