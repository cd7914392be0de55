using Tidemark.Catalog;

namespace Tidemark.Tests.Diff;

/// <summary>Builds small in-memory models for differ tests.</summary>
internal static class ModelFactory
{
    public static QualifiedName N(string name) => new("public", name);

    public static TableInfo Table(string name, params ColumnInfo[] columns) =>
        new(N(name), TablePersistence.Permanent, [.. columns], [], [], [], []);

    public static ColumnInfo Col(string name, string type = "integer", bool notNull = false, string? @default = null) => new(name, type, notNull, @default);

    public static ConstraintInfo Pk(string name, params string[] columns) =>
        new(name, ConstraintKind.PrimaryKey, [.. columns], "PRIMARY KEY (" + string.Join(", ", columns) + ")");

    public static ConstraintInfo Fk(string name, string column, string target, bool notValid = false) =>
        new(name, ConstraintKind.ForeignKey, [column], $"FOREIGN KEY ({column}) REFERENCES public.{target}(id)" + (notValid ? " NOT VALID" : ""))
        {
            NotValid = notValid,
            ForeignKey = new ForeignKeyInfo(N(target), ["id"], ForeignKeyAction.NoAction, ForeignKeyAction.NoAction, ForeignKeyMatch.Simple),
        };

    public static SchemaModel Model(
        IEnumerable<TableInfo>? tables = null,
        IEnumerable<EnumInfo>? enums = null,
        IEnumerable<SequenceInfo>? sequences = null,
        IEnumerable<ViewInfo>? views = null,
        IEnumerable<FunctionInfo>? functions = null,
        IEnumerable<DependencyEdge>? dependencies = null) =>
        SchemaModel.Empty(150000) with
        {
            Schemas = [new SchemaInfo("public")],
            Tables = (tables ?? []).OrderBy(t => t.Name).ToEquatableArray(),
            Enums = (enums ?? []).ToEquatableArray(),
            Sequences = (sequences ?? []).ToEquatableArray(),
            Views = (views ?? []).ToEquatableArray(),
            Functions = (functions ?? []).ToEquatableArray(),
            Dependencies = (dependencies ?? []).ToEquatableArray(),
        };
}
