using Npgsql;
using Tidemark.Catalog;

namespace Tidemark.History;

/// <summary>Reads and writes <c>tidemark.history</c>.</summary>
internal sealed class HistoryStore(HistoryTable table)
{
    private const string UndefinedTable = "42P01";
    private const string InvalidSchemaName = "3F000";
    private const string UndefinedColumn = "42703";

    public HistoryTable Table { get; } = table;

    /// <summary>A lease's fencing check, added to every history write of this store (null: an advisory lock guards the session).</summary>
    public Locking.LeaseFence? Fence { get; private init; }

    /// <summary>The same store, its writes fenced by <paramref name="fence"/>.</summary>
    public HistoryStore WithFence(Locking.LeaseFence? fence) => fence is null ? this : new HistoryStore(Table) { Fence = fence };

    /// <summary>
    /// Reads every history row in one round trip. A missing schema or table is not an error: it
    /// means nothing was applied yet (the start-up fast path must not need a catalog query first).
    /// </summary>
    public async Task<HistorySnapshot> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        try
        {
            try
            {
                return new HistorySnapshot(true, await ReadRowsAsync(connection, Table.SelectSql, ct).ConfigureAwait(false));
            }
            catch (PostgresException ex) when (ex.SqlState == UndefinedColumn)
            {
                return new HistorySnapshot(true, await ReadRowsAsync(connection, Table.SelectFormat1Sql, ct).ConfigureAwait(false));
            }
        }
        catch (PostgresException ex) when (ex.SqlState is UndefinedTable or InvalidSchemaName)
        {
            return HistorySnapshot.Missing;
        }
    }

    private static async Task<List<HistoryRecord>> ReadRowsAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new List<HistoryRecord>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(new HistoryRecord(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetString(7),
                reader.GetInt32(8),
                reader.GetInt32(9),
                reader.GetInt32(10))
            {
                Path = reader.IsDBNull(11) ? null : reader.GetString(11),
                Source = reader.IsDBNull(12) ? null : reader.GetString(12),
            });
        }

        return rows;
    }

    /// <summary>
    /// Creates the schema and table when missing. Checks existence first so a role without CREATE
    /// on the database works once the schema exists (CREATE SCHEMA IF NOT EXISTS checks the
    /// privilege before the existence). Call under the migration lock.
    /// </summary>
    public async Task EnsureAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var probe = new NpgsqlCommand(
            "SELECT to_regnamespace($1) IS NOT NULL, to_regclass($2) IS NOT NULL, obj_description(to_regclass($2), 'pg_class')",
            connection);
        probe.Parameters.Add(new NpgsqlParameter { Value = Identifiers.Quote(Table.Schema) });
        probe.Parameters.Add(new NpgsqlParameter { Value = Table.QualifiedName });
        bool schemaExists, tableExists;
        string? comment;
        await using (var reader = await probe.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            await reader.ReadAsync(ct).ConfigureAwait(false);
            schemaExists = reader.GetBoolean(0);
            tableExists = reader.GetBoolean(1);
            comment = reader.IsDBNull(2) ? null : reader.GetString(2);
        }

        if (tableExists)
        {
            if (CheckFormat(comment) < HistoryTable.FormatVersion)
            {
                await using var upgrade = new NpgsqlBatch(connection);
                foreach (var part in Table.UpgradeSql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    upgrade.BatchCommands.Add(new NpgsqlBatchCommand(part));
                }

                await upgrade.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using var events = new NpgsqlCommand(Table.CreateEventsTableSql, connection);
            await events.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return;
        }

        var sql = (schemaExists ? "" : $"CREATE SCHEMA IF NOT EXISTS {Identifiers.Quote(Table.Schema)};\n") + Table.CreateTableSql;
        try
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var part in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(part));
            }

            await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            batch.Transaction = tx;
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState is "23505" or "42P06" && !schemaExists)
        {
            // Another runner (another tenant's history in the same schema) created the schema at the same moment: create the table only.
            await EnsureAsync(connection, ct).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == "42501")
        {
            throw new TidemarkException(
                $"Cannot create the history table {Table.Display}: {ex.MessageText}.",
                $"Ask an administrator to run: CREATE SCHEMA {Identifiers.Quote(Table.Schema)} AUTHORIZATION <your role>; or choose a schema you own with --schema.",
                ex);
        }
    }

    /// <summary>Format 2: records the file of rows written before it (format 1) when the folder still has it.</summary>
    public async Task FillPathsAsync(NpgsqlConnection connection, Sources.MigrationSet source, HistorySnapshot snapshot, CancellationToken ct)
    {
        var missing = source.Versioned.Where(m => m.RelativePath.Length > 0 && snapshot.ByVersion.TryGetValue(m.Version, out var r) && r.Path is null).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection);
        foreach (var m in missing)
        {
            var cmd = new NpgsqlBatchCommand($"UPDATE {Table.QualifiedName} SET path = $2 WHERE version = $1 AND kind <> 'repeatable' AND path IS NULL");
            cmd.Parameters.Add(new NpgsqlParameter { Value = m.Version });
            cmd.Parameters.Add(new NpgsqlParameter { Value = m.RelativePath });
            batch.BatchCommands.Add(cmd);
        }

        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<long> InsertAsync(NpgsqlConnection connection, HistoryRow row, NpgsqlTransaction? tx, CancellationToken ct)
    {
        if (Fence is not null && tx is null)
        {
            // One implicit transaction: the row, then the fence (which fails it if the lease is no longer ours).
            await using var batch = new NpgsqlBatch(connection) { BatchCommands = { CreateInsertBatchCommand(row), Fence.CreateBatchCommand() } };
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            var id = reader.GetInt64(0);
            while (await reader.NextResultAsync(ct).ConfigureAwait(false))
            {
            }

            return id;
        }

        await using var cmd = CreateInsert(row);
        cmd.Connection = connection;
        cmd.Transaction = tx;
        return (long)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>The INSERT for a history row, to run inside a migration's own batch.</summary>
    public NpgsqlCommand CreateInsert(HistoryRow row)
    {
        var cmd = new NpgsqlCommand(Table.InsertSql);
        AddInsertParameters(cmd.Parameters, row);
        return cmd;
    }

    public NpgsqlBatchCommand CreateInsertBatchCommand(HistoryRow row)
    {
        var cmd = new NpgsqlBatchCommand(Table.InsertSql);
        AddInsertParameters(cmd.Parameters, row);
        return cmd;
    }

    /// <summary>A history insert for a migration's batch whose duration the server measures; see <see cref="HistoryTable.InsertTimedSql"/>.</summary>
    public NpgsqlBatchCommand CreateTimedInsertBatchCommand(HistoryRow row)
    {
        var cmd = new NpgsqlBatchCommand(Table.InsertTimedSql);
        AddInsertParameters(cmd.Parameters, row);
        return cmd;
    }

    public async Task UpdateProgressAsync(NpgsqlConnection connection, long id, int statementsDone, int durationMs, string status, CancellationToken ct)
    {
        var cmd = new NpgsqlBatchCommand(Table.UpdateProgressSql);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = statementsDone });
        cmd.Parameters.Add(new NpgsqlParameter { Value = durationMs });
        cmd.Parameters.Add(new NpgsqlParameter { Value = status });
        // The mark says which statements of a non-transactional migration are done: it must survive a crash even on a
        // server running with synchronous_commit = off, or a rerun would repeat a statement that already ran.
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { new NpgsqlBatchCommand("BEGIN"), new NpgsqlBatchCommand("SET LOCAL synchronous_commit = on"), cmd },
        };
        if (Fence is not null)
        {
            batch.BatchCommands.Add(Fence.CreateBatchCommand());
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The INSERT of an audit event, to run in a batch.</summary>
    public NpgsqlBatchCommand CreateEventBatchCommand(HistoryEvent e)
    {
        var cmd = new NpgsqlBatchCommand(Table.InsertEventSql);
        AddEventParameters(cmd.Parameters, e);
        return cmd;
    }

    /// <summary>Appends an audit event (failure, repair, resolve, adopt) in its own transaction.</summary>
    public async Task AddEventAsync(NpgsqlConnection connection, HistoryEvent e, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Table.InsertEventSql, connection);
        AddEventParameters(cmd.Parameters, e);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static void AddEventParameters(NpgsqlParameterCollection p, HistoryEvent e)
    {
        p.Add(new NpgsqlParameter { Value = ToolInfo.Host });
        p.Add(new NpgsqlParameter { Value = ToolInfo.Version });
        p.Add(new NpgsqlParameter { Value = e.Kind });
        p.Add(new NpgsqlParameter { Value = (object?)e.Version ?? DBNull.Value });
        p.Add(new NpgsqlParameter { Value = (object?)e.Name ?? DBNull.Value });
        p.Add(new NpgsqlParameter { Value = e.Message });
        p.Add(new NpgsqlParameter { Value = (object?)e.Detail ?? DBNull.Value });
    }

    /// <summary>Recent audit events, newest first; failures only until a later migration succeeded. Empty when the table does not exist.</summary>
    public async Task<IReadOnlyList<HistoryEventRecord>> ReadRecentEventsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        try
        {
            await using var cmd = new NpgsqlCommand(Table.SelectRecentEventsSql, connection);
            await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var list = new List<HistoryEventRecord>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                list.Add(new HistoryEventRecord(
                    reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
            }

            return list;
        }
        catch (PostgresException ex) when (ex.SqlState is UndefinedTable or InvalidSchemaName)
        {
            return [];
        }
    }

    private static void AddInsertParameters(NpgsqlParameterCollection p, HistoryRow row)
    {
        p.Add(new NpgsqlParameter { Value = row.Version });
        p.Add(new NpgsqlParameter { Value = row.Name });
        p.Add(new NpgsqlParameter { Value = row.Kind });
        p.Add(new NpgsqlParameter { Value = row.Checksum });
        p.Add(new NpgsqlParameter { Value = row.Status });
        p.Add(new NpgsqlParameter { Value = row.DurationMs });
        p.Add(new NpgsqlParameter { Value = row.StatementsTotal });
        p.Add(new NpgsqlParameter { Value = row.StatementsDone });
        p.Add(new NpgsqlParameter { Value = ToolInfo.Version });
        p.Add(new NpgsqlParameter { Value = ToolInfo.Host });
        p.Add(new NpgsqlParameter { Value = (object?)row.Path ?? DBNull.Value });
        p.Add(new NpgsqlParameter { Value = (object?)row.Source ?? DBNull.Value });
    }

    private int CheckFormat(string? comment)
    {
        const string prefix = "tidemark history, format ";
        if (comment is null || !comment.StartsWith(prefix, StringComparison.Ordinal)
            || !int.TryParse(comment.AsSpan(prefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var format))
        {
            throw new TidemarkException(
                $"The table {Table.Display} exists but is not a Tidemark history table (its comment is '{comment}').",
                "Choose another history schema with --schema, or rename that table.");
        }

        if (format > HistoryTable.FormatVersion)
        {
            throw new TidemarkException(
                $"The history table {Table.Display} has format {format}, newer than this Tidemark understands ({HistoryTable.FormatVersion}).",
                "Upgrade Tidemark to the version that last migrated this database.");
        }

        return format;
    }
}

/// <summary>The values of a history row about to be written.</summary>
internal sealed record HistoryRow(
    string Version,
    string Name,
    string Kind,
    string Checksum,
    string Status,
    int DurationMs,
    int StatementsTotal,
    int StatementsDone)
{
    /// <summary>The file, relative to the migrations folder (history format 2).</summary>
    public string? Path { get; init; }

    /// <summary>For adopted rows: where the knowledge came from ("catalog", or another tool's or a team's history table).</summary>
    public string? Source { get; init; }
}
