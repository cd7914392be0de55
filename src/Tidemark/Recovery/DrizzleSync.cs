using Npgsql;
using Tidemark.History.Foreign;
using Tidemark.Sources;

namespace Tidemark.Recovery;

/// <summary>Keeps drizzle's own history (<c>drizzle.__drizzle_migrations</c>) in step when rollback or resolve changes Tidemark's.</summary>
internal static class DrizzleSync
{
    public static bool Applies(MigratorOptions options, MigrationSet source) =>
        options.SyncDrizzleHistory && source.Format is SourceFormat.DrizzleJournal or SourceFormat.DrizzleFolders;

    public static async Task<bool> TableExistsAsync(NpgsqlConnection connection, CancellationToken ct) =>
        await ResumeVerifier.ScalarAsync<bool>(connection, "SELECT to_regclass($1) IS NOT NULL", ct, DrizzleHistoryTable.QualifiedName).ConfigureAwait(false);

    /// <summary>Removes the drizzle row of a migration (matched by drizzle's hash, with or without CRLF normalisation).</summary>
    public static NpgsqlBatchCommand DeleteCommand(Migration migration) =>
        DeleteCommand(migration.Checksum, migration.LfChecksum ?? migration.Checksum);

    public static NpgsqlBatchCommand DeleteCommand(params string[] hashes)
    {
        var cmd = new NpgsqlBatchCommand($"DELETE FROM {DrizzleHistoryTable.QualifiedName} WHERE hash = ANY($1)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = hashes });
        return cmd;
    }
}
