namespace Tidemark.Diff;

/// <summary>
/// The order in which the differ emits statements: dependents are dropped before what they depend on,
/// and everything is created after what it needs. Within a phase, statements keep the order they were added.
/// </summary>
internal enum DiffPhase
{
    DropTriggers,
    DropPolicies,
    DropViews,
    DropDependentFunctions,
    DropForeignKeys,
    DropConstraints,
    DropIndexes,
    DropTables,
    DropColumns,
    CreateSchemas,
    CreateExtensions,
    Types,
    Sequences,
    EarlyFunctions,

    // Columns added to a table that gets new children in the same diff: the children are created after them.
    AddParentColumns,
    CreateTables,
    AlterTables,

    // Storage parameters after every column change: a column added or retyped can create the TOAST
    // table that toast.* parameters live on (set before it exists, they are silently dropped).
    TableOptions,
    AddConstraints,
    CreateIndexes,
    AddForeignKeys,
    SequenceOwnership,
    LateFunctions,
    Views,
    ViewIndexes,
    Triggers,
    Policies,
    Comments,
    DropFunctions,
    DropTypes,
    DropSequences,

    // An extension lives in a schema: it goes before the schema does.
    DropExtensions,
    DropSchemas,
}
