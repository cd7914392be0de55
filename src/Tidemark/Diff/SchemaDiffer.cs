using Tidemark.Catalog;

namespace Tidemark.Diff;

/// <summary>
/// Computes the ordered DDL that turns one <see cref="SchemaModel"/> into another, each statement tagged with
/// its hazards. Pure: no database access. Renames are never guessed (a renamed object is a drop and a create).
/// </summary>
internal static class SchemaDiffer
{
    public static SchemaDiff Diff(SchemaModel from, SchemaModel to, DiffOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var ctx = new DiffContext(from, to, options ?? DiffOptions.Default);
        NamespaceDiffer.Diff(ctx);
        FunctionDiffer.Diff(ctx);
        TypeDiffer.Diff(ctx);
        TableDiffer.Diff(ctx);
        FunctionDiffer.RecreateAroundReshapedColumns(ctx);
        SequenceDiffer.Diff(ctx);
        ViewDiffer.Diff(ctx);
        return ctx.Build();
    }
}
