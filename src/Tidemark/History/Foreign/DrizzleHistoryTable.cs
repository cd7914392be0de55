using Npgsql;
using Tidemark.Sources;

namespace Tidemark.History.Foreign;

/// <summary>
/// drizzle's own history, <c>drizzle.__drizzle_migrations</c>, kept in step when Tidemark applies a
/// drizzle folder, so drizzle-kit and Tidemark can be used on the same database. Rows carry
/// drizzle's exact hash (SHA-256 of the file) and created_at (journal <c>when</c>, or the v1 folder
/// timestamp); v1 tables also get the folder name and applied_at.
/// </summary>
internal sealed class DrizzleHistoryTable
{
    public const string Schema = "drizzle";
    public const string Table = "__drizzle_migrations";
    public const string QualifiedName = "drizzle.__drizzle_migrations";

    private DrizzleHistoryTable(bool hasName, bool hasAppliedAt)
    {
        HasName = hasName;
        HasAppliedAt = hasAppliedAt;
    }

    /// <summary>
    /// Whether drizzle's table is kept in step for this source: a drizzle folder, and the option on. Never for a tenant
    /// schema: drizzle has one table per database, and every tenant's rows in it would say nothing of any tenant.
    /// </summary>
    public static bool Applies(MigratorOptions options, MigrationSet source) =>
        options.SyncDrizzleHistory && options.TenantSchema is null && source.Format is SourceFormat.DrizzleJournal or SourceFormat.DrizzleFolders;

    public static async Task<bool> ExistsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT to_regclass('{QualifiedName}') IS NOT NULL", connection);
        return (bool)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>Removes the drizzle row of a migration (matched by drizzle's hash, with or without CRLF normalisation).</summary>
    public static NpgsqlBatchCommand CreateDelete(Migration migration) =>
        CreateDelete(migration.Checksum, migration.LfChecksum ?? migration.Checksum);

    public static NpgsqlBatchCommand CreateDelete(params string[] hashes)
    {
        var cmd = new NpgsqlBatchCommand($"DELETE FROM {QualifiedName} WHERE hash = ANY($1)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = hashes });
        return cmd;
    }

    /// <summary>The table has drizzle v1's <c>name</c> column.</summary>
    public bool HasName { get; }

    public bool HasAppliedAt { get; }

    /// <summary>Creates the table when missing (v0 shape for journal folders, v1 shape for v1 folders) and reads which columns it has.</summary>
    public static async Task<DrizzleHistoryTable> EnsureAsync(NpgsqlConnection connection, SourceFormat format, CancellationToken ct)
    {
        var create = format == SourceFormat.DrizzleFolders
            ? $"CREATE TABLE IF NOT EXISTS {QualifiedName} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint, name text, applied_at timestamp DEFAULT CURRENT_TIMESTAMP)"
            : $"CREATE TABLE IF NOT EXISTS {QualifiedName} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)";
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"CREATE SCHEMA IF NOT EXISTS {Schema}"),
                new NpgsqlBatchCommand(create),
                new NpgsqlBatchCommand(
                    "SELECT count(*) FILTER (WHERE attname = 'name'), count(*) FILTER (WHERE attname = 'applied_at') " +
                    $"FROM pg_attribute WHERE attrelid = '{QualifiedName}'::regclass AND attnum > 0 AND NOT attisdropped"),
            },
        };

        // CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists.
        var exists = await SchemaExistsAsync(connection, ct).ConfigureAwait(false);
        if (exists)
        {
            batch.BatchCommands.RemoveAt(0);
        }

        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        return new DrizzleHistoryTable(reader.GetInt64(0) > 0, reader.GetInt64(1) > 0);
    }

    /// <summary>The INSERT for one applied migration, to run in the migration's own transaction.</summary>
    public NpgsqlBatchCommand CreateInsert(Migration migration)
    {
        var columns = "hash, created_at" + (HasName ? ", name" : "") + (HasAppliedAt ? ", applied_at" : "");
        var values = "$1, $2" + (HasName ? ", $3" : "") + (HasAppliedAt ? ", now()" : "");
        var cmd = new NpgsqlBatchCommand($"INSERT INTO {QualifiedName} ({columns}) VALUES ({values})");
        cmd.Parameters.Add(new NpgsqlParameter { Value = migration.Checksum });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)migration.DrizzleCreatedAt ?? DBNull.Value });
        if (HasName)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)migration.DrizzleName ?? DBNull.Value });
        }

        return cmd;
    }

    private static async Task<bool> SchemaExistsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT to_regnamespace('{Schema}') IS NOT NULL", connection);
        return (bool)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }
}
