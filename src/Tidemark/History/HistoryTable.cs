using Tidemark.Catalog;

namespace Tidemark.History;

/// <summary>The name of the history table and the SQL that reads and writes it.</summary>
internal sealed class HistoryTable
{
    /// <summary>Bumped when the table's shape changes; stored as the table's comment.</summary>
    /// <remarks>Format 2 added <c>path</c> (the file relative to the folder) and <c>source</c> (where an adopted row's knowledge came from).</remarks>
    public const int FormatVersion = 2;

    public HistoryTable(string schema, string table)
    {
        if (string.IsNullOrWhiteSpace(schema))
        {
            throw new TidemarkException("The history schema name is empty.", "Set HistorySchema (--schema) to a schema name such as tidemark.");
        }

        if (string.IsNullOrWhiteSpace(table))
        {
            throw new TidemarkException("The history table name is empty.", "Set HistoryTable to a table name such as history.");
        }

        Schema = schema;
        Table = table;
        QualifiedName = $"{Identifiers.Quote(schema)}.{Identifiers.Quote(table)}";
        EventsQualifiedName = $"{Identifiers.Quote(schema)}.{Identifiers.Quote(table + "_events")}";
    }

    /// <summary>The audit trail next to the history: failures, repairs, resolutions, adoptions.</summary>
    public string EventsQualifiedName { get; }

    public string CreateEventsTableSql => $"""
        CREATE TABLE IF NOT EXISTS {EventsQualifiedName} (
            id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at           timestamptz NOT NULL DEFAULT now(),
            by_user      text        NOT NULL DEFAULT current_user,
            host         text        NOT NULL,
            tool_version text        NOT NULL,
            kind         text        NOT NULL,
            version      text,
            name         text,
            message      text        NOT NULL,
            detail       text
        )
        """;

    public string InsertEventSql =>
        $"INSERT INTO {EventsQualifiedName} (host, tool_version, kind, version, name, message, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)";

    /// <summary>Recent events; a failure only until a later run succeeded, or a repair cleared it, or a rollback ran.</summary>
    public string SelectRecentEventsSql =>
        $"SELECT id, at, by_user, host, kind, version, name, message, detail FROM {EventsQualifiedName} " +
        $"WHERE kind <> 'failure' OR (at > coalesce((SELECT max(applied_at) FROM {QualifiedName} WHERE status = 'applied'), '-infinity') " +
        $"AND id > coalesce((SELECT max(id) FROM {EventsQualifiedName} WHERE kind IN ('repair', 'rollback')), 0)) ORDER BY id DESC LIMIT 50";

    public string Schema { get; }

    public string Table { get; }

    /// <summary>"tidemark"."history", quoted as needed.</summary>
    public string QualifiedName { get; }

    public string Display => $"{Schema}.{Table}";

    /// <summary>Every row of a format-2 table (the start-up fast path's one query).</summary>
    public string SelectSql =>
        $"SELECT id, version, name, kind, checksum, status, applied_at, applied_by, duration_ms, statements_total, statements_done, path, source FROM {QualifiedName} ORDER BY id";

    /// <summary>
    /// Every row of a table that may still be format 1 (no <c>path</c>, <c>source</c>; upgraded later, under the lock):
    /// the two read through to_jsonb, which costs ~10 µs a row, so only after <see cref="SelectSql"/> found no such column.
    /// </summary>
    public string SelectFormat1Sql =>
        $"SELECT id, version, name, kind, checksum, status, applied_at, applied_by, duration_ms, statements_total, statements_done, to_jsonb(h) ->> 'path', to_jsonb(h) ->> 'source' FROM {QualifiedName} h ORDER BY id";

    /// <summary>Upgrades a format-1 table in place (under the migration lock): two nullable columns and the new comment.</summary>
    public string UpgradeSql =>
        $"ALTER TABLE {QualifiedName} ADD COLUMN IF NOT EXISTS path text, ADD COLUMN IF NOT EXISTS source text;\n" +
        $"COMMENT ON TABLE {QualifiedName} IS 'tidemark history, format {FormatVersion}'";

    public string CreateTableSql => $"""
        CREATE TABLE {QualifiedName} (
            id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            version          text        NOT NULL,
            name             text        NOT NULL,
            kind             text        NOT NULL,
            checksum         text        NOT NULL,
            status           text        NOT NULL,
            applied_at       timestamptz NOT NULL DEFAULT now(),
            applied_by       text        NOT NULL DEFAULT current_user,
            duration_ms      integer     NOT NULL DEFAULT 0,
            statements_total integer     NOT NULL,
            statements_done  integer     NOT NULL,
            tool_version     text        NOT NULL,
            host             text        NOT NULL,
            fingerprint      text,
            path             text,
            source           text,
            CONSTRAINT {Identifiers.Quote(Table + "_kind_check")} CHECK (kind IN ('versioned', 'repeatable', 'adopted')),
            CONSTRAINT {Identifiers.Quote(Table + "_status_check")} CHECK (status IN ('applied', 'partial'))
        );
        CREATE UNIQUE INDEX {Identifiers.Quote(Table + "_version_uq")} ON {QualifiedName} (version) WHERE kind <> 'repeatable';
        COMMENT ON TABLE {QualifiedName} IS 'tidemark history, format {FormatVersion}';
        {CreateEventsTableSql}
        """;

    public string InsertSql =>
        $"INSERT INTO {QualifiedName} (version, name, kind, checksum, status, duration_ms, statements_total, statements_done, tool_version, host, path, source) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id";

    /// <summary>
    /// <see cref="InsertSql"/> for a row written inside a migration's batch: duration_ms is measured by the server,
    /// from the <c>clock_timestamp()</c> saved by <see cref="MarkMigrationStartSql"/> just before the migration's
    /// first statement to the moment its history row is written (so a grouped transaction records each migration's
    /// own time, not the group's); $6 is used only when no start was marked. Returns the version and duration.
    /// </summary>
    public string InsertTimedSql => InsertSql
        .Replace("$6", "coalesce((extract(epoch FROM clock_timestamp() - nullif(current_setting('tidemark.migration_started', true), '')::timestamptz) * 1000)::integer, $6)", StringComparison.Ordinal)
        .Replace("RETURNING id", $"RETURNING version AS {TimedVersionColumn}, duration_ms AS {TimedDurationColumn}", StringComparison.Ordinal);

    /// <summary>Saves the server's clock as the start of the next migration (transaction-local).</summary>
    public const string MarkMigrationStartSql = "SELECT set_config('tidemark.migration_started', clock_timestamp()::text, true) AS tidemark_started";

    /// <summary>Column names of what <see cref="InsertTimedSql"/> returns.</summary>
    public const string TimedVersionColumn = "tidemark_version";

    /// <inheritdoc cref="TimedVersionColumn"/>
    public const string TimedDurationColumn = "tidemark_duration_ms";

    public string UpdateProgressSql =>
        $"UPDATE {QualifiedName} SET statements_done = $2, duration_ms = $3, status = $4, applied_at = now() WHERE id = $1";
}
