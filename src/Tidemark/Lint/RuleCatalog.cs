namespace Tidemark.Lint;

/// <summary>
/// Every lint rule with its stable code. TM1xx locks and rewrites, TM2xx breaking changes and data
/// loss, TM3xx transaction and timeout use, TM4xx types and naming. TM100, TM101, TM102, TM200 and
/// TM201 are the five hazard kinds themselves (the differ's hazards); rules use other numbers and
/// name the kind they belong to. Codes are never reused.
/// </summary>
internal static class RuleCatalog
{
    public static readonly LintRule[] All =
    [
        new("TM103", "require-concurrent-index-creation", LintSeverity.Warning, HazardKind.FullTableScan, "CREATE INDEX without CONCURRENTLY blocks writes while the index builds"),
        new("TM104", "require-concurrent-index-deletion", LintSeverity.Warning, HazardKind.AccessExclusiveLock, "DROP INDEX without CONCURRENTLY blocks reads and writes on the table"),
        new("TM105", "require-concurrent-reindex", LintSeverity.Warning, HazardKind.AccessExclusiveLock, "REINDEX without CONCURRENTLY blocks writes (and reads that use the index)"),
        new("TM106", "require-concurrent-partition-detach", LintSeverity.Warning, HazardKind.AccessExclusiveLock, "DETACH PARTITION without CONCURRENTLY blocks reads and writes on the parent"),
        new("TM107", "foreign-key-not-valid", LintSeverity.Warning, HazardKind.FullTableScan, "A foreign key added without NOT VALID scans the table while writes to both tables wait"),
        new("TM108", "check-constraint-not-valid", LintSeverity.Error, HazardKind.FullTableScan, "A CHECK constraint added without NOT VALID scans the table under ACCESS EXCLUSIVE"),
        new("TM109", "set-not-null", LintSeverity.Error, HazardKind.FullTableScan, "SET NOT NULL scans the table under ACCESS EXCLUSIVE"),
        new("TM110", "unique-constraint-builds-index", LintSeverity.Error, HazardKind.AccessExclusiveLock, "ADD UNIQUE builds its index under ACCESS EXCLUSIVE"),
        new("TM111", "primary-key-builds-index", LintSeverity.Error, HazardKind.AccessExclusiveLock, "ADD PRIMARY KEY builds its index under ACCESS EXCLUSIVE"),
        new("TM112", "column-type-change-rewrites", LintSeverity.Error, HazardKind.TableRewrite, "Changing a column's type rewrites the table unless the types are binary-coercible"),
        new("TM113", "default-rewrites-table", LintSeverity.Error, HazardKind.TableRewrite, "ADD COLUMN with a volatile default (any default before PostgreSQL 11) rewrites the table"),
        new("TM114", "generated-column-rewrites", LintSeverity.Error, HazardKind.TableRewrite, "Adding a stored generated, identity or serial column rewrites the table"),
        new("TM115", "vacuum-full-or-cluster", LintSeverity.Error, HazardKind.TableRewrite, "VACUUM FULL and CLUSTER rewrite the table under ACCESS EXCLUSIVE"),
        new("TM116", "validate-in-same-transaction", LintSeverity.Warning, HazardKind.FullTableScan, "VALIDATE CONSTRAINT in the transaction that added it NOT VALID keeps the stronger lock during the scan"),
        new("TM117", "exclusion-constraint", LintSeverity.Error, HazardKind.AccessExclusiveLock, "ADD EXCLUDE builds its index under ACCESS EXCLUSIVE and cannot be NOT VALID"),
        new("TM118", "rewriting-table-change", LintSeverity.Error, HazardKind.TableRewrite, "SET LOGGED/UNLOGGED, SET TABLESPACE, SET ACCESS METHOD and SET EXPRESSION rewrite the table"),
        new("TM119", "refresh-materialized-view-blocks-reads", LintSeverity.Warning, HazardKind.AccessExclusiveLock, "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view"),
        new("TM120", "alter-domain-add-constraint", LintSeverity.Warning, HazardKind.FullTableScan, "ALTER DOMAIN … ADD CONSTRAINT checks every column of the domain in every table"),
        new("TM202", "drop-column", LintSeverity.Warning, HazardKind.DataLoss, "DROP COLUMN loses its data and breaks code that still reads it"),
        new("TM203", "drop-table", LintSeverity.Warning, HazardKind.DataLoss, "DROP TABLE loses its data and breaks code that still uses it"),
        new("TM204", "drop-database", LintSeverity.Error, HazardKind.DataLoss, "DROP DATABASE in a migration"),
        new("TM205", "truncate-cascade", LintSeverity.Warning, HazardKind.DataLoss, "TRUNCATE … CASCADE empties every table that references it, transitively"),
        new("TM206", "rename-column", LintSeverity.Warning, HazardKind.Breaking, "Renaming a column breaks the running application"),
        new("TM207", "rename-table", LintSeverity.Warning, HazardKind.Breaking, "Renaming a table breaks the running application"),
        new("TM208", "drop-not-null", LintSeverity.Warning, HazardKind.Breaking, "DROP NOT NULL lets NULLs reach code that does not expect them"),
        new("TM209", "required-column-without-default", LintSeverity.Error, HazardKind.Breaking, "ADD COLUMN … NOT NULL without a default fails on a non-empty table and breaks old INSERTs"),
        new("TM300", "concurrently-in-transaction", LintSeverity.Error, null, "CONCURRENTLY inside a transaction block fails"),
        new("TM301", "uncommitted-transaction", LintSeverity.Error, null, "BEGIN without COMMIT or ROLLBACK"),
        new("TM302", "transaction-nesting", LintSeverity.Error, null, "Transaction control where Tidemark already manages the transaction, or nested BEGIN"),
        new("TM303", "lock-timeout-missing", LintSeverity.Warning, HazardKind.AccessExclusiveLock, "A blocking lock is requested with no lock_timeout, so the lock queue stalls the application"),
        new("TM304", "statement-timeout-missing", LintSeverity.Info, null, "A rewrite, scan or index build runs with no statement_timeout"),
        new("TM305", "non-transactional-statement-not-rerunnable", LintSeverity.Warning, null, "A statement in a non-transactional migration cannot be re-run after a failure (missing IF [NOT] EXISTS)"),
        new("TM400", "char-type", LintSeverity.Warning, null, "char(n) pads with spaces; use text or varchar"),
        new("TM401", "varchar-length", LintSeverity.Info, null, "varchar(n): changing n later may need a rewrite check; prefer text with a CHECK"),
        new("TM402", "int-key", LintSeverity.Warning, null, "A 32-bit integer key runs out at 2^31"),
        new("TM403", "smallint-key", LintSeverity.Warning, null, "A 16-bit smallint key runs out at 32767"),
        new("TM404", "serial", LintSeverity.Info, null, "serial types: prefer GENERATED … AS IDENTITY"),
        new("TM405", "timestamp-without-time-zone", LintSeverity.Warning, null, "timestamp without time zone loses the instant; prefer timestamptz"),
        new("TM406", "identifier-too-long", LintSeverity.Warning, null, "Identifier longer than 63 bytes is silently truncated"),
        new("TM407", "enum-value-without-position", LintSeverity.Info, null, "ALTER TYPE … ADD VALUE without BEFORE/AFTER appends at the end of the sort order"),
        new("TM408", "domain-with-constraint", LintSeverity.Warning, null, "A domain with a CHECK constraint is hard to change later"),
        new("TM409", "duplicate-column-assignment", LintSeverity.Error, null, "The same column is declared or assigned twice"),
        new("TM410", "json-type", LintSeverity.Info, null, "json has no equality operator and is reparsed on every access; prefer jsonb"),
        new("TM499", "unused-ignore", LintSeverity.Warning, null, "A tidemark:lint-ignore comment that matches no finding"),
    ];

    private static readonly Dictionary<string, LintRule> ByCode = All.ToDictionary(r => r.Code, StringComparer.OrdinalIgnoreCase);

    public static LintRule? Find(string code) => ByCode.GetValueOrDefault(code);

    public static LintRule Get(string code) => ByCode[code];

    /// <summary>The reserved hazard codes: TM100 TableRewrite … TM201 Breaking.</summary>
    public static string CodeOf(HazardKind kind) => kind switch
    {
        HazardKind.TableRewrite => "TM100",
        HazardKind.AccessExclusiveLock => "TM101",
        HazardKind.FullTableScan => "TM102",
        HazardKind.DataLoss => "TM200",
        _ => "TM201",
    };
}
