using Npgsql;
using Tidemark.Catalog;

namespace Tidemark.Effects;

/// <summary>
/// Proves that an existing table, view or sequence is the one a CREATE statement makes: the
/// statement is built again in a scratch schema inside a transaction that is always rolled back,
/// and the two relations' kind, columns (name, type, NOT NULL, identity, generated, default) and,
/// for views, definition are compared.
/// </summary>
internal static class RelationDefinitions
{
    private const string DescribeSql =
        """
        SELECT c.relkind::text || coalesce(' ' || pg_get_viewdef(c.oid), '') || coalesce(
          (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text || ' ' || a.attidentity::text
                             || ' ' || a.attgenerated::text || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), ''), E'\n' ORDER BY a.attnum)
           FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
           WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '')
          || coalesce((SELECT E'\n' || s.seqtypid::regtype::text || ' ' || s.seqstart || ' ' || s.seqincrement || ' ' || s.seqmax || ' ' || s.seqmin || ' ' || s.seqcycle::text
                       FROM pg_sequence s WHERE s.seqrelid = c.oid), ''),
          n.nspname
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = $1::regclass
        """;

    /// <summary>True when running <paramref name="statementText"/> (which creates the unqualified <paramref name="name"/>) gives the relation that exists now.</summary>
    public static async Task<bool> TrialMatchesAsync(NpgsqlConnection connection, string statementText, string name, CancellationToken ct)
    {
        var scratch = "tidemark_verify_" + Guid.NewGuid().ToString("N")[..12];
        var existingOid = await ReadOidAsync(connection, Identifiers.Quote(name), null, ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        try
        {
            await using (var setup = new NpgsqlBatch(connection, tx))
            {
                setup.BatchCommands.Add(new NpgsqlBatchCommand($"CREATE SCHEMA {scratch}"));
                setup.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT set_config('search_path', '{scratch}, ' || current_setting('search_path'), true)"));
                setup.BatchCommands.Add(new NpgsqlBatchCommand(statementText));
                await setup.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            var trialOid = await ReadOidAsync(connection, $"{scratch}.{Identifiers.Quote(name)}", tx, ct).ConfigureAwait(false);
            var (existing, existingSchema) = await DescribeAsync(connection, existingOid, tx, ct).ConfigureAwait(false);
            var (trial, _) = await DescribeAsync(connection, trialOid, tx, ct).ConfigureAwait(false);
            return string.Equals(Normalize(existing, existingSchema, scratch), Normalize(trial, scratch, scratch), StringComparison.Ordinal);
        }
        catch (PostgresException)
        {
            return false;
        }
        finally
        {
            try
            {
                await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
            }
        }
    }

    private static string Normalize(string text, string schema, string scratch) =>
        text.Replace(Identifiers.Quote(schema) + ".", "", StringComparison.Ordinal).Replace(scratch + ".", "", StringComparison.Ordinal);

    private static async Task<uint> ReadOidAsync(NpgsqlConnection connection, string name, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT to_regclass($1)::oid", connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = name });
        return (uint)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private static async Task<(string Description, string Schema)> DescribeAsync(NpgsqlConnection connection, uint oid, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(DescribeSql, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = oid, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Oid });
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        return (reader.GetString(0), reader.GetString(1));
    }
}
