namespace Tidemark.Diff;

/// <summary>Properties of a schema change that deserve a human's attention.</summary>
[Flags]
public enum Hazards
{
    /// <summary>Nothing to watch out for.</summary>
    None = 0,

    /// <summary>Data is destroyed or may not survive: a dropped table, column or type, a narrowing type change.</summary>
    DataLoss = 1,

    /// <summary>PostgreSQL rewrites the whole table (and its indexes).</summary>
    TableRewrite = 2,

    /// <summary>An ACCESS EXCLUSIVE lock is held for longer than an instant (reads and writes wait).</summary>
    AccessExclusiveLock = 4,

    /// <summary>The whole table is scanned to verify the change (SET NOT NULL, a validated FK or CHECK).</summary>
    FullTableScan = 8,

    /// <summary>Something applications read disappears or changes shape (table, column, view, function).</summary>
    Breaking = 16,
}

/// <summary>What a change does to its object.</summary>
public enum ChangeKind
{
    /// <summary>The object is created.</summary>
    Create,

    /// <summary>The object is changed in place.</summary>
    Alter,

    /// <summary>The object is dropped.</summary>
    Drop,
}
