namespace Tidemark.Lint;

/// <summary>PostgreSQL's table-level lock modes, weakest first (the order of <c>pg_locks.mode</c>'s conflict table).</summary>
public enum LockMode
{
    /// <summary>No table lock.</summary>
    None,

    /// <summary>ACCESS SHARE: taken by SELECT; conflicts only with ACCESS EXCLUSIVE.</summary>
    AccessShare,

    /// <summary>ROW SHARE: SELECT FOR UPDATE/SHARE.</summary>
    RowShare,

    /// <summary>ROW EXCLUSIVE: INSERT, UPDATE, DELETE.</summary>
    RowExclusive,

    /// <summary>SHARE UPDATE EXCLUSIVE: VACUUM, CREATE INDEX CONCURRENTLY, VALIDATE CONSTRAINT; blocks only schema changes.</summary>
    ShareUpdateExclusive,

    /// <summary>SHARE: CREATE INDEX; blocks writes.</summary>
    Share,

    /// <summary>SHARE ROW EXCLUSIVE: CREATE TRIGGER, ADD FOREIGN KEY; blocks writes.</summary>
    ShareRowExclusive,

    /// <summary>EXCLUSIVE: REFRESH MATERIALIZED VIEW CONCURRENTLY; blocks writes and row locks.</summary>
    Exclusive,

    /// <summary>ACCESS EXCLUSIVE: most ALTER TABLE forms, DROP, TRUNCATE; blocks reads and writes.</summary>
    AccessExclusive,
}

/// <summary>Names and consequences of lock modes, as PostgreSQL prints them.</summary>
public static class LockModes
{
    /// <summary>"ACCESS EXCLUSIVE".</summary>
    public static string Display(LockMode mode) => mode switch
    {
        LockMode.AccessShare => "ACCESS SHARE",
        LockMode.RowShare => "ROW SHARE",
        LockMode.RowExclusive => "ROW EXCLUSIVE",
        LockMode.ShareUpdateExclusive => "SHARE UPDATE EXCLUSIVE",
        LockMode.Share => "SHARE",
        LockMode.ShareRowExclusive => "SHARE ROW EXCLUSIVE",
        LockMode.Exclusive => "EXCLUSIVE",
        LockMode.AccessExclusive => "ACCESS EXCLUSIVE",
        _ => "none",
    };

    /// <summary>What other sessions cannot do while the lock is held: "reads and writes".</summary>
    public static string Blocks(LockMode mode) => mode switch
    {
        LockMode.AccessExclusive => "reads and writes",
        LockMode.Exclusive => "writes and SELECT … FOR UPDATE",
        LockMode.ShareRowExclusive or LockMode.Share => "writes",
        LockMode.ShareUpdateExclusive => "schema changes, VACUUM and other index builds (not reads or writes)",
        LockMode.RowExclusive => "SHARE and stronger locks (index builds, most ALTER TABLE)",
        LockMode.RowShare => "EXCLUSIVE and ACCESS EXCLUSIVE locks",
        LockMode.AccessShare => "only ACCESS EXCLUSIVE locks",
        _ => "nothing",
    };

    /// <summary>True when the lock makes the application's reads or writes wait.</summary>
    public static bool BlocksTraffic(LockMode mode) => mode >= LockMode.Share;

    /// <summary>The mode of a <c>pg_locks.mode</c> value such as "AccessExclusiveLock".</summary>
    public static LockMode FromPgLocks(string mode) => mode switch
    {
        "AccessShareLock" => LockMode.AccessShare,
        "RowShareLock" => LockMode.RowShare,
        "RowExclusiveLock" => LockMode.RowExclusive,
        "ShareUpdateExclusiveLock" => LockMode.ShareUpdateExclusive,
        "ShareLock" => LockMode.Share,
        "ShareRowExclusiveLock" => LockMode.ShareRowExclusive,
        "ExclusiveLock" => LockMode.Exclusive,
        "AccessExclusiveLock" => LockMode.AccessExclusive,
        _ => LockMode.None,
    };
}
