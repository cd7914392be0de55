using System.Globalization;
using Npgsql;
using Tidemark.Connections;

namespace Tidemark.Lint;

/// <summary>
/// Reads how big each table a finding names is on the target (<c>pg_class.reltuples</c>/<c>relpages</c>,
/// <c>pg_table_size</c>, <c>pg_indexes_size</c>) and adds it to the message: "public.events: 12 GB
/// (indexes 3.1 GB), ~40 M rows". Estimates, no scan: reltuples is what the last ANALYZE or VACUUM saw.
/// </summary>
internal static class TableSizes
{
    private const string Query = """
        SELECT c.reltuples::float8, c.relpages, pg_table_size(c.oid), pg_indexes_size(c.oid), n.nspname || '.' || c.relname
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.oid = to_regclass($1)
        """;

    public static async Task<List<LintFinding>> DescribeAsync(string connectionString, List<LintFinding> findings, CancellationToken ct)
    {
        var tables = findings.Select(f => f.Table).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (tables.Count == 0)
        {
            return findings;
        }

        var sizes = new Dictionary<string, string>(StringComparer.Ordinal);
        var cs = ConnectionString.Normalize(connectionString);
        try
        {
            await using var connection = new NpgsqlConnection(cs);
            await connection.OpenAsync(ct).ConfigureAwait(false);
            foreach (var table in tables)
            {
                await using var cmd = new NpgsqlCommand(Query, connection);
                cmd.Parameters.AddWithValue(QuoteIfNeeded(table));
                await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
                if (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    sizes[table] = Describe(reader.GetString(4), reader.GetDouble(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3));
                }
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw ConnectionFailure.From(ex, cs);
        }

        return [.. findings.Select(f => f.Table is { } t && sizes.TryGetValue(t, out var size) ? f with { Message = $"{f.Message} [{size}]" } : f)];
    }

    /// <summary>"public.events: 12 GB, indexes 3.1 GB, ~40 M rows" (rows from relpages × tuples per page when never analyzed).</summary>
    internal static string Describe(string name, double reltuples, int relpages, long tableBytes, long indexBytes)
    {
        var rows = reltuples >= 0 ? reltuples : double.NaN;
        var rowText = double.IsNaN(rows) ? $"{relpages} pages, never analyzed" : $"~{Count(rows)} rows";
        return $"{name}: {Bytes(tableBytes)}, indexes {Bytes(indexBytes)}, {rowText}";
    }

    private static string QuoteIfNeeded(string table) =>
        string.Join('.', table.Split('.').Select(p => p.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_') ? p : "\"" + p.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    internal static string Bytes(long bytes)
    {
        string[] units = ["bytes", "kB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} bytes" : value.ToString(value < 10 ? "0.#" : "0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static string Count(double rows) => rows switch
    {
        >= 1e9 => (rows / 1e9).ToString("0.#", CultureInfo.InvariantCulture) + " G",
        >= 1e6 => (rows / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + " M",
        >= 1e3 => (rows / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + " k",
        _ => rows.ToString("0", CultureInfo.InvariantCulture),
    };
}
