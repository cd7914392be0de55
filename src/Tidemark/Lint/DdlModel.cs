namespace Tidemark.Lint;

/// <summary>A column's type as written: base name normalized (<c>character varying</c> → <c>varchar</c>), type modifiers, array-ness.</summary>
internal sealed record TypeRef(string Name, IReadOnlyList<int> Modifiers, bool IsArray, string Written, int Offset)
{
    public int? Length => Modifiers.Count > 0 ? Modifiers[0] : null;

    public string Display => Written;
}

/// <summary>How a column's value is generated.</summary>
internal enum Generation
{
    None,
    Stored,
    Virtual,
    Identity,
}

/// <summary>A column definition in CREATE TABLE or ADD COLUMN.</summary>
internal sealed record ColumnDef(
    string Name,
    int Offset,
    TypeRef? Type,
    bool NotNull,
    string? Default,
    Generation Generation,
    bool PrimaryKey,
    bool Unique,
    ObjectName? References,
    bool Check);

/// <summary>The kind of a table constraint.</summary>
internal enum ConstraintKind
{
    Check,
    ForeignKey,
    Unique,
    PrimaryKey,
    Exclude,
    NotNull,
}

/// <summary>A table constraint (CREATE TABLE or ADD CONSTRAINT).</summary>
internal sealed record ConstraintDef(ConstraintKind Kind, string? Name, bool NotValid, bool UsingIndex, IReadOnlyList<string> Columns, ObjectName? ReferencedTable, string Body, int Offset);

/// <summary>A parsed statement: what the rules look at. Unrecognised statements are <see cref="OtherStatement"/>.</summary>
internal abstract record DdlStatement;

internal sealed record CreateTable(ObjectName Table, IReadOnlyList<ColumnDef> Columns, IReadOnlyList<ConstraintDef> Constraints, bool Temporary, bool Unlogged, ObjectName? PartitionOf, bool AsQuery) : DdlStatement;

internal sealed record AlterTable(ObjectName Table, IReadOnlyList<AlterAction> Actions, bool IfExists, string ObjectKind) : DdlStatement;

internal sealed record CreateIndex(ObjectName? Index, ObjectName Table, bool Concurrently, bool Unique, bool IfNotExists, bool Only) : DdlStatement;

internal sealed record DropIndex(IReadOnlyList<ObjectName> Indexes, bool Concurrently, bool IfExists) : DdlStatement;

internal sealed record Reindex(string Target, ObjectName? Name, bool Concurrently) : DdlStatement;

internal sealed record DropObjects(string Kind, IReadOnlyList<ObjectName> Names, bool IfExists, bool Cascade) : DdlStatement;

internal sealed record Truncate(IReadOnlyList<ObjectName> Tables, bool Cascade) : DdlStatement;

internal sealed record Vacuum(bool Full, IReadOnlyList<ObjectName> Tables) : DdlStatement;

internal sealed record Cluster(ObjectName? Table) : DdlStatement;

internal sealed record AlterTypeAddValue(ObjectName Type, string Value, bool Positioned, bool IfNotExists) : DdlStatement;

internal sealed record AlterTypeRenameValue(ObjectName Type) : DdlStatement;

internal sealed record CreateEnum(ObjectName Type) : DdlStatement;

internal sealed record CreateDomain(ObjectName Domain, bool HasConstraint, TypeRef? Type) : DdlStatement;

internal sealed record AlterDomainAddConstraint(ObjectName Domain, bool NotValid) : DdlStatement;

internal sealed record TransactionControl(string Verb) : DdlStatement;

internal sealed record SetSetting(string Name, string Value, bool Local) : DdlStatement;

internal sealed record CreateTrigger(ObjectName Table) : DdlStatement;

internal sealed record RefreshMaterializedView(ObjectName View, bool Concurrently) : DdlStatement;

internal sealed record CreateView(ObjectName View, IReadOnlyList<string> Columns, bool Materialized) : DdlStatement;

internal sealed record Update(ObjectName Table, IReadOnlyList<(string Column, int Offset)> Assignments) : DdlStatement;

internal sealed record Dml(string Verb, ObjectName Table) : DdlStatement;

internal sealed record CreatePolicy(ObjectName Table) : DdlStatement;

internal sealed record DropTrigger(ObjectName Table) : DdlStatement;

internal sealed record CommentOn(string Kind, ObjectName? Table) : DdlStatement;

internal sealed record OtherStatement(string Keyword) : DdlStatement;

/// <summary>One subcommand of ALTER TABLE.</summary>
internal abstract record AlterAction(int Offset);

internal sealed record AddColumn(ColumnDef Column, bool IfNotExists, int Offset) : AlterAction(Offset);

internal sealed record DropColumn(string Column, bool IfExists, bool Cascade, int Offset) : AlterAction(Offset);

internal sealed record AlterColumnType(string Column, TypeRef Type, string? Using, int Offset) : AlterAction(Offset);

internal sealed record SetNotNull(string Column, int Offset) : AlterAction(Offset);

internal sealed record DropNotNull(string Column, int Offset) : AlterAction(Offset);

internal sealed record SetDefault(string Column, string Default, int Offset) : AlterAction(Offset);

internal sealed record DropDefault(string Column, int Offset) : AlterAction(Offset);

internal sealed record AddConstraint(ConstraintDef Constraint, int Offset) : AlterAction(Offset);

internal sealed record ValidateConstraint(string Name, int Offset) : AlterAction(Offset);

internal sealed record DropConstraint(string Name, bool IfExists, int Offset) : AlterAction(Offset);

internal sealed record RenameColumn(string From, string To, int Offset) : AlterAction(Offset);

internal sealed record RenameTable(string To, int Offset) : AlterAction(Offset);

internal sealed record RenameConstraint(string From, string To, int Offset) : AlterAction(Offset);

internal sealed record SetSchema(string Schema, int Offset) : AlterAction(Offset);

internal sealed record AttachPartition(ObjectName Partition, int Offset) : AlterAction(Offset);

internal sealed record DetachPartition(ObjectName Partition, bool Concurrently, bool Finalize, int Offset) : AlterAction(Offset);

/// <summary>Any other subcommand, with the lock PostgreSQL takes for it and whether it rewrites the table.</summary>
internal sealed record OtherAction(string Words, LockMode Lock, bool Rewrites, int Offset) : AlterAction(Offset);
