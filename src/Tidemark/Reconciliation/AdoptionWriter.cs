using Npgsql;
using Tidemark.History;
using Tidemark.History.Foreign;
using Tidemark.Sources;

namespace Tidemark.Reconciliation;

/// <summary>
/// Records migrations as adopted (kind <c>adopted</c>, 0 statements executed) in one transaction with their
/// fingerprints, an audit event, and — for drizzle folders — drizzle's own history rows, so drizzle-kit agrees.
/// </summary>
internal static class AdoptionWriter
{
    public static async Task RecordAsync(
        NpgsqlConnection connection, HistoryStore history, IReadOnlyList<(Migration Migration, string? Fingerprint)> rows,
        HistoryEvent auditEvent, SourceFormat format, bool syncDrizzle, CancellationToken ct)
    {
        DrizzleHistoryTable? drizzle = null;
        var known = new HashSet<string>(StringComparer.Ordinal);
        if (syncDrizzle && format is SourceFormat.DrizzleJournal or SourceFormat.DrizzleFolders)
        {
            drizzle = await DrizzleHistoryTable.EnsureAsync(connection, format, ct).ConfigureAwait(false);
            await using var read = new NpgsqlCommand($"SELECT hash FROM {DrizzleHistoryTable.QualifiedName}", connection);
            await using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                known.Add(reader.GetString(0));
            }
        }

        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (var batch = new NpgsqlBatch(connection, tx))
        {
            foreach (var (m, fingerprint) in rows)
            {
                batch.BatchCommands.Add(history.CreateInsertBatchCommand(new HistoryRow(
                    m.Version, m.Name, HistoryKinds.Adopted, m.Checksum, HistoryStatuses.Applied, 0, CountStatements(m), 0)));
                if (fingerprint is not null)
                {
                    batch.BatchCommands.Add(FingerprintUpdate(history, m.Version, fingerprint));
                }

                if (drizzle is not null && !known.Contains(m.Checksum) && (m.LfChecksum is null || !known.Contains(m.LfChecksum)))
                {
                    batch.BatchCommands.Add(drizzle.CreateInsert(m));
                }
            }

            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await history.AddEventAsync(connection, auditEvent, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Sets the fingerprint recorded after a versioned migration.</summary>
    public static NpgsqlBatchCommand FingerprintUpdate(HistoryStore history, string version, string fingerprint)
    {
        var cmd = new NpgsqlBatchCommand($"UPDATE {history.Table.QualifiedName} SET fingerprint = $2 WHERE version = $1 AND kind <> 'repeatable'");
        cmd.Parameters.Add(new NpgsqlParameter { Value = version });
        cmd.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
        return cmd;
    }

    /// <summary>The fingerprint recorded after <paramref name="version"/>, when one was.</summary>
    public static async Task<string?> ReadFingerprintAsync(NpgsqlConnection connection, HistoryStore history, string version, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"SELECT fingerprint FROM {history.Table.QualifiedName} WHERE version = $1 AND kind <> 'repeatable' AND status = 'applied' ORDER BY id DESC LIMIT 1", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = version });
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
    }

    private static int CountStatements(Migration m)
    {
        try
        {
            return PreparedMigration.Prepare(m).Statements.Count;
        }
        catch (TidemarkException)
        {
            return 0;
        }
    }
}
