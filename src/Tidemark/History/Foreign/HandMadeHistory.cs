using System.Text.RegularExpressions;
using Npgsql;
using Tidemark.Catalog;
using Tidemark.Sources;

namespace Tidemark.History.Foreign;

/// <summary>
/// A team's own history table, recognised by what it holds rather than by its name: a table that no
/// migration mentions, with a text column whose every value names one of the folder's migrations (its file
/// name, its path, its tag, its version, or its descriptive name when that is unique), at least one row, and
/// — when the table has an id or timestamp column — rows in the folder's order. Such a table is imported like
/// drizzle's, never written to, and left out of every schema comparison.
/// </summary>
internal static partial class HandMadeHistory
{
    // Tables with a text column, outside the system schemas and the excluded ones (and inside the included ones,
    // when a tenant's schema is the scope), with their text columns and the first integer or timestamp column (the
    // order the rows were written in).
    private const string CandidatesSql = """
        SELECT n.nspname, c.relname,
               array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.atttypid IN ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype)),
               (array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'timestamptz'::regtype, 'timestamp'::regtype)))[1]
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
          AND NOT (n.nspname = ANY($1)) AND ($2::text[] IS NULL OR n.nspname = ANY($2))
          AND c.relname NOT IN ('__drizzle_migrations', '__EFMigrationsHistory', 'flyway_schema_history', 'schemaversions', 'changelog')
        GROUP BY n.nspname, c.relname
        HAVING bool_or(a.atttypid IN ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype))
        ORDER BY n.nspname, c.relname
        """;

    /// <summary>The hand-made history tables in the database, with the migrations each records (in folder order).</summary>
    /// <remarks>
    /// With <paramref name="includedSchemas"/> (a tenant's schema), only tables there: another tenant's table that
    /// names the same migrations is that tenant's history, not this one's.
    /// </remarks>
    public static async Task<IReadOnlyList<(ForeignHistoryTable Table, IReadOnlyList<Migration> Matched)>> DetectAsync(
        NpgsqlConnection connection, MigrationSet source, IReadOnlyCollection<string> excludedSchemas, IReadOnlyCollection<string>? includedSchemas, CancellationToken ct)
    {
        if (source.Versioned.Count == 0)
        {
            return [];
        }

        var candidates = new List<(QualifiedName Name, string[] TextColumns, string? Order)>();
        await using (var cmd = new NpgsqlCommand(CandidatesSql, connection))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = excludedSchemas.ToArray() });
            cmd.Parameters.Add(SchemaSelection.Parameter(includedSchemas));
            await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                candidates.Add((new QualifiedName(reader.GetString(0), reader.GetString(1)), reader.GetFieldValue<string[]>(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        // A table a migration mentions belongs to the application's schema, never a history.
        var mentioned = source.Versioned.Concat(source.Repeatable).Select(m => m.Sql).ToArray();
        var found = new List<(ForeignHistoryTable, IReadOnlyList<Migration>)>();
        foreach (var (name, columns, order) in candidates)
        {
            if (mentioned.Any(sql => Mentions(sql, name.Name)))
            {
                continue;
            }

            foreach (var column in columns)
            {
                var matched = await MatchAsync(connection, name, column, order, source, ct).ConfigureAwait(false);
                if (matched is { Count: > 0 })
                {
                    found.Add((new ForeignHistoryTable(ForeignHistoryKind.HandMade, name, [column]) { OrderColumn = order }, matched));
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>The migrations the column names, in folder order; null when a row names none (or the rows are out of order).</summary>
    public static async Task<IReadOnlyList<Migration>?> MatchAsync(
        NpgsqlConnection connection, QualifiedName table, string column, string? order, MigrationSet source, CancellationToken ct)
    {
        var limit = (source.Versioned.Count * 2) + 1;
        var col = Identifiers.Quote(column);
        var sql = $"SELECT {col}::text FROM {table} WHERE {col} IS NOT NULL ORDER BY {(order is null ? col : Identifiers.Quote(order))} LIMIT {limit}";
        var values = new List<string>();
        try
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                values.Add(reader.GetString(0));
            }
        }
        catch (PostgresException ex) when (ex.SqlState == "42501")
        {
            return null; // not readable by this role: not ours to interpret
        }

        if (values.Count == 0 || values.Count >= limit)
        {
            return null;
        }

        var index = Index(source);
        var positions = new List<int>();
        foreach (var v in values)
        {
            if (!index.TryGetValue(v.Trim(), out var i) && !index.TryGetValue(Bare(v), out i))
            {
                return null;
            }

            positions.Add(i);
        }

        // In the folder's order, when the table says in which order its rows were written.
        if (order is not null && positions.Zip(positions.Skip(1)).Any(p => p.Second < p.First))
        {
            return null;
        }

        return [.. positions.Distinct().Order().Select(i => source.Versioned[i])];
    }

    /// <summary>Every spelling a runner might record for each migration, to its position; ambiguous spellings are left out.</summary>
    private static Dictionary<string, int> Index(MigrationSet source)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var ambiguous = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Add(string? key, int i)
        {
            if (string.IsNullOrWhiteSpace(key) || ambiguous.Contains(key))
            {
                return;
            }

            if (index.TryGetValue(key, out var other) && other != i)
            {
                index.Remove(key);
                ambiguous.Add(key);
                return;
            }

            index[key] = i;
        }

        for (var i = 0; i < source.Versioned.Count; i++)
        {
            var m = source.Versioned[i];
            var file = Path.GetFileName(m.Path);
            Add(file, i);
            Add(Path.GetFileNameWithoutExtension(file), i);
            Add(m.RelativePath, i);
            Add(m.DrizzleName, i);
            Add(m.Version, i);
            Add(m.Version + "_" + m.Name, i);
            Add(m.Name, i);

            // drizzle v1 folders: the identity is the folder (<stamp>_<name>/migration.sql).
            if (Path.GetDirectoryName(m.RelativePath) is { Length: > 0 } folder)
            {
                Add(folder, i);
            }
        }

        return index;
    }

    /// <summary>The descriptive part of a value: <c>005_add_bounced_status</c> names the migration <c>add_bounced_status</c> when no other has that name.</summary>
    private static string Bare(string value) => NumberPrefix().Replace(Path.GetFileNameWithoutExtension(value.Trim()), "");

    private static bool Mentions(string sql, string table) =>
        sql.Contains(table, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^[0-9]+[_\-. ]*")]
    private static partial Regex NumberPrefix();
}
