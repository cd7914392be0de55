using Npgsql;
using Tidemark.Catalog;
using Tidemark.Sources;

namespace Tidemark.History.Foreign;

/// <summary>Other migration tools whose history tables Tidemark recognises.</summary>
internal enum ForeignHistoryKind
{
    Drizzle,
    EfCore,
    Flyway,
    DbUp,
    Evolve,
    Diesel,
    GolangMigrate,
    Dbmate,
    Goose,
    Sqlx,
    Prisma,
    Supabase,

    /// <summary>A team's own table, recognised by its rows (<see cref="HandMadeHistory"/>).</summary>
    HandMade,
}

/// <summary>A history table of another tool found in the database.</summary>
internal sealed record ForeignHistoryTable(ForeignHistoryKind Kind, QualifiedName Name, IReadOnlyList<string> Columns)
{
    /// <summary>"public.migrations_applied (hand-made history)", "drizzle.__drizzle_migrations (drizzle history)".</summary>
    public string Display => $"{Name} ({Tool} history)";

    /// <summary>For a hand-made history: the column giving the order its rows were written in, when it has one.</summary>
    public string? OrderColumn { get; init; }

    public string Tool => Kind switch
    {
        ForeignHistoryKind.Drizzle => "drizzle",
        ForeignHistoryKind.EfCore => "EF Core",
        ForeignHistoryKind.Flyway => "Flyway",
        ForeignHistoryKind.DbUp => "DbUp",
        ForeignHistoryKind.HandMade => "hand-made",
        ForeignHistoryKind.Evolve => "Evolve",
        _ => OtherTools.Tool(Kind),
    };
}

/// <summary>Migrations a foreign history says were applied.</summary>
internal sealed record ForeignImport(ForeignHistoryTable Table, IReadOnlyList<Migration> Matched);

/// <summary>
/// Finds other tools' history tables (one catalog query) and matches their rows to the migrations:
/// drizzle v0 by hash and created_at, drizzle v1 by name, EF Core by MigrationId, Flyway and Evolve by
/// version (successful rows only), DbUp by script name.
/// </summary>
internal static class ForeignHistory
{
    private const string DetectSql = """
        SELECT n.nspname, c.relname, array_agg(a.attname::text ORDER BY a.attnum)
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relkind IN ('r', 'p')
          AND c.relname IN ('__drizzle_migrations', '__EFMigrationsHistory', 'flyway_schema_history', 'schemaversions', 'changelog',
                            '__diesel_schema_migrations', 'schema_migrations', 'goose_db_version', '_sqlx_migrations', '_prisma_migrations')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
          AND ($1::text[] IS NULL OR n.nspname = ANY ($1))
        GROUP BY n.nspname, c.relname
        ORDER BY n.nspname, c.relname
        """;

    /// <summary>
    /// The history tables of other tools, in every schema or, with <paramref name="includeSchemas"/> (schema-per-tenant:
    /// the tenant's own schema), only in those: another tenant's history is not this tenant's.
    /// </summary>
    public static async Task<IReadOnlyList<ForeignHistoryTable>> DetectAsync(NpgsqlConnection connection, IReadOnlyList<string>? includeSchemas, CancellationToken ct)
    {
        var found = new List<ForeignHistoryTable>();
        await using var cmd = new NpgsqlCommand(DetectSql, connection);
        cmd.Parameters.Add(SchemaSelection.Parameter(includeSchemas));
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var name = new QualifiedName(reader.GetString(0), reader.GetString(1));
            var columns = reader.GetFieldValue<string[]>(2);
            bool Has(params string[] required) => required.All(r => columns.Contains(r, StringComparer.Ordinal));
            ForeignHistoryKind? kind = name.Name switch
            {
                "__drizzle_migrations" when Has("hash", "created_at") => ForeignHistoryKind.Drizzle,
                "__EFMigrationsHistory" when Has("MigrationId") => ForeignHistoryKind.EfCore,
                "flyway_schema_history" when Has("version", "success", "script") => ForeignHistoryKind.Flyway,
                "schemaversions" when Has("scriptname") => ForeignHistoryKind.DbUp,
                "changelog" when Has("version", "name", "success", "type") => ForeignHistoryKind.Evolve,
                _ => OtherTools.Kind(name, Has),
            };
            if (kind is { } k)
            {
                found.Add(new ForeignHistoryTable(k, name, columns));
            }
        }

        return found;
    }

    /// <summary>The migrations <paramref name="table"/> records as applied, in source order.</summary>
    public static async Task<IReadOnlyList<Migration>> MatchAsync(NpgsqlConnection connection, ForeignHistoryTable table, MigrationSet source, CancellationToken ct)
    {
        if (table.Kind == ForeignHistoryKind.HandMade)
        {
            return await HandMadeHistory.MatchAsync(connection, table.Name, table.Columns[0], table.OrderColumn, source, ct).ConfigureAwait(false) ?? [];
        }

        var q = table.Name.ToString();
        var rows = new List<object?[]>();
        var sql = table.Kind switch
        {
            ForeignHistoryKind.Drizzle => table.Columns.Contains("name")
                ? $"SELECT hash, created_at, name FROM {q}"
                : $"SELECT hash, created_at, NULL::text FROM {q}",
            ForeignHistoryKind.EfCore => $"SELECT \"MigrationId\" FROM {q}",
            ForeignHistoryKind.Flyway => $"SELECT version, script FROM {q} WHERE success AND version IS NOT NULL",
            ForeignHistoryKind.DbUp => $"SELECT scriptname FROM {q}",
            ForeignHistoryKind.Evolve => $"SELECT version, name FROM {q} WHERE success AND version IS NOT NULL",
            _ => OtherTools.Sql(table.Kind, q),
        };
        await using (var cmd = new NpgsqlCommand(sql, connection))
        await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var values = new object?[reader.FieldCount];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(values);
            }
        }

        return table.Kind switch
        {
            ForeignHistoryKind.Drizzle => MatchDrizzle(rows, source),
            ForeignHistoryKind.EfCore => Match(source, m => rows.Any(r => r[0] is string id && (id == m.Name || id == $"{m.Version}_{m.Name}"))),
            ForeignHistoryKind.Flyway or ForeignHistoryKind.Evolve => Match(source, m => rows.Any(r => r[0] is string v && SameVersion(v, m.Version))),
            ForeignHistoryKind.DbUp => Match(source, m => rows.Any(r => r[0] is string s && EndsWithFile(s, m.Path))),
            _ => Match(source, OtherTools.Matcher(table.Kind, rows)),
        };
    }

    private static List<Migration> MatchDrizzle(List<object?[]> rows, MigrationSet source)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        // v1 rows carry the folder name.
        if (rows.Any(r => r[2] is string))
        {
            return Match(source, m => m.DrizzleName is { } n && rows.Any(r => r[2] as string == n));
        }

        // v0: drizzle's migrator applies every migration whose journal `when` is later than the newest
        // created_at, so it considers applied every migration at or before it; a matching hash counts too.
        var newest = rows.Select(r => r[1] is null ? long.MinValue : Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture)).Max();
        var hashes = rows.Select(r => r[0] as string).Where(h => h is not null).ToHashSet(StringComparer.Ordinal);
        return Match(source, m => (m.DrizzleCreatedAt is { } when && when <= newest)
            || hashes.Contains(m.Checksum) || (m.LfChecksum is { } lf && hashes.Contains(lf)));
    }

    private static List<Migration> Match(MigrationSet source, Func<Migration, bool> applied) => [.. source.Versioned.Where(applied)];

    internal static bool SameVersion(string foreign, string version)
    {
        try
        {
            return VersionNumber.Parse(foreign).CompareTo(VersionNumber.Parse(version)) == 0;
        }
        catch (FormatException)
        {
            return string.Equals(foreign, version, StringComparison.Ordinal);
        }
    }

    private static bool EndsWithFile(string scriptName, string path)
    {
        var file = System.IO.Path.GetFileName(path);
        if (scriptName.EndsWith(file, StringComparison.Ordinal))
        {
            return true;
        }

        // drizzle v1 folders: the file is migration.sql, the identity is its folder.
        var folder = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(path));
        return folder is { Length: > 0 } && scriptName.Contains(folder, StringComparison.Ordinal);
    }
}
