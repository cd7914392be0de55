using Npgsql;

namespace Tidemark.History.Foreign;

/// <summary>
/// diesel's <c>__diesel_schema_migrations</c>. diesel creates it before running any migration, and real
/// diesel folders rely on that: Lemmy's <c>2025-08-01-000017_forbid_diesel_cli</c> puts a trigger on it that
/// refuses writes from anything but Lemmy's own runner. So for a diesel folder Tidemark creates the table
/// (diesel's exact shape) before it looks at the database, and writes no rows to it: Tidemark's history is
/// the record, and diesel's table is left to diesel (rows diesel wrote are imported, see <see cref="OtherTools"/>).
/// </summary>
internal static class DieselHistoryTable
{
    public const string CreateSql =
        "CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)";

    public static async Task EnsureAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(CreateSql, connection);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
