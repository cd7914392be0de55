using Npgsql;
using Tidemark.Catalog;

namespace Tidemark.Catalog;

/// <summary>
/// A cheap digest of a schema (relations, their kinds, columns and types, enum labels) computed by one small
/// query. Equal schemas have equal summaries, so while replaying, the full catalog is read only after the
/// migrations whose summary equals the live one: a 200-migration replay costs 200 small queries and a few
/// catalog reads instead of 200 catalog reads. Only the scope's schemas count (a tenant's own, in schema-per-tenant mode).
/// </summary>
internal static class SchemaSummary
{
    private const string Sql = """
        SELECT md5(coalesce(string_agg(x, E'\n' ORDER BY x COLLATE "C"), '')) FROM (
          SELECT n.nspname || '.' || c.relname || ':' || c.relkind::text || '(' ||
                 coalesce((SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ',' ORDER BY a.attname COLLATE "C")
                           FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') || ')' AS x
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relpersistence <> 't'
            AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
            AND NOT (n.nspname = ANY($1)) AND NOT ((n.nspname || '.' || c.relname) = ANY($2))
            AND ($3::text[] IS NULL OR n.nspname = ANY($3))
          UNION ALL
          SELECT n.nspname || '.' || t.typname || ':enum(' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) || ')'
          FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE NOT (n.nspname = ANY($1)) AND ($3::text[] IS NULL OR n.nspname = ANY($3))
          GROUP BY n.nspname, t.typname
        ) s
        """;

    public static async Task<string> ComputeAsync(NpgsqlConnection connection, SchemaScope scope, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Sql, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = scope.CatalogOptions.ExcludeSchemas.ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = scope.IgnoredTables.Select(t => t.Schema + "." + t.Name).ToArray() });
        cmd.Parameters.Add(SchemaSelection.Parameter(scope.CatalogOptions.IncludeSchemas));
        return (string)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }
}
