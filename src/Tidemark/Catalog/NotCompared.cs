using Npgsql;

namespace Tidemark.Catalog;

/// <summary>Objects of one kind the schema model does not cover, found in a database: <c>range types: 2</c>.</summary>
/// <param name="Kind">What they are, as pg_dump names them (<c>range types</c>, <c>grants (ACL entries)</c>).</param>
/// <param name="Count">How many were found in the selected schemas.</param>
/// <param name="Examples">Up to three of their names.</param>
public sealed record NotComparedKind(string Kind, int Count, IReadOnlyList<string> Examples)
{
    /// <summary><c>range types: 2 (public.period, public.span)</c>.</summary>
    public override string ToString() => $"{Kind}: {Count}" + (Examples.Count == 0 ? "" : " (" + string.Join(", ", Examples) + (Count > Examples.Count ? ", ..." : "") + ")");
}

/// <summary>
/// Counts, in one cheap query, the objects pg_dump --schema-only would keep that the <see cref="SchemaModel"/> does
/// not compare (docs/diff-coverage.md lists them with the reason). <c>inspect</c> and <c>diff</c> report them as
/// "not compared", so nothing is silently ignored. Extension members are left out (the extension is compared).
/// </summary>
internal static class NotCompared
{
    public static async Task<IReadOnlyList<NotComparedKind>> CountAsync(NpgsqlConnection connection, CatalogOptions options, CancellationToken ct)
    {
        var f = new CatalogQueries.Filter(options);
        var major = connection.PostgreSqlVersion.Major;
        string NotExt(string catalog, string oid) =>
            $"NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '{catalog}'::regclass AND e.objid = {oid} AND e.deptype = 'e')";
        string Named(string kind, string from, string name, string where) =>
            $"SELECT '{kind}'::text, count(*)::int, (array_agg({name} ORDER BY {name}))[1:3] FROM {from} WHERE {where}";
        var parts = new List<string>
        {
            Named("range types", "pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace", "n.nspname || '.' || t.typname",
                $"t.typtype = 'r' AND {f.On("n")} AND {NotExt("pg_type", "t.oid")}"),
            Named("base types", "pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace", "n.nspname || '.' || t.typname",
                $"t.typtype IN ('b', 'p') AND t.typelem = 0 AND t.typrelid = 0 AND {f.On("n")} AND {NotExt("pg_type", "t.oid")}"),
            Named("operators", "pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace", "n.nspname || '.' || o.oprname",
                $"{f.On("n")} AND {NotExt("pg_operator", "o.oid")}"),
            Named("operator classes", "pg_opclass o JOIN pg_namespace n ON n.oid = o.opcnamespace", "n.nspname || '.' || o.opcname",
                $"{f.On("n")} AND {NotExt("pg_opclass", "o.oid")}"),
            Named("operator families", "pg_opfamily o JOIN pg_namespace n ON n.oid = o.opfnamespace", "n.nspname || '.' || o.opfname",
                $"{f.On("n")} AND {NotExt("pg_opfamily", "o.oid")}"),
            Named("collations", "pg_collation o JOIN pg_namespace n ON n.oid = o.collnamespace", "n.nspname || '.' || o.collname",
                $"{f.On("n")} AND {NotExt("pg_collation", "o.oid")}"),
            Named("conversions", "pg_conversion o JOIN pg_namespace n ON n.oid = o.connamespace", "n.nspname || '.' || o.conname",
                $"{f.On("n")} AND {NotExt("pg_conversion", "o.oid")}"),
            Named("text search configurations", "pg_ts_config o JOIN pg_namespace n ON n.oid = o.cfgnamespace", "n.nspname || '.' || o.cfgname",
                $"{f.On("n")} AND {NotExt("pg_ts_config", "o.oid")}"),
            Named("text search dictionaries", "pg_ts_dict o JOIN pg_namespace n ON n.oid = o.dictnamespace", "n.nspname || '.' || o.dictname",
                $"{f.On("n")} AND {NotExt("pg_ts_dict", "o.oid")}"),
            Named("text search parsers and templates", "(SELECT prsname AS name, prsnamespace AS ns, oid, 'pg_ts_parser'::regclass AS cls FROM pg_ts_parser UNION ALL SELECT tmplname, tmplnamespace, oid, 'pg_ts_template'::regclass FROM pg_ts_template) o JOIN pg_namespace n ON n.oid = o.ns",
                "n.nspname || '.' || o.name", $"{f.On("n")} AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = o.cls AND e.objid = o.oid AND e.deptype = 'e')"),
            Named("access methods", "pg_am a", "a.amname", $"a.oid >= {CatalogQueries.FirstNormalObjectId} AND {NotExt("pg_am", "a.oid")}"),
            Named("transforms", "pg_transform t", "format_type(t.trftype, NULL)", $"t.oid >= {CatalogQueries.FirstNormalObjectId} AND {NotExt("pg_transform", "t.oid")}"),
            Named("subscriptions", "pg_subscription s", "s.subname", "s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())"),
            Named("foreign tables", "pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace", "n.nspname || '.' || c.relname",
                $"c.relkind = 'f' AND {f.On("n")} AND {NotExt("pg_class", "c.oid")}"),
            Named("extended statistics", "pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace", "n.nspname || '.' || s.stxname",
                $"{f.On("n")}"),
            Named("rules", "pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace", "n.nspname || '.' || c.relname || '.' || r.rulename",
                $"r.rulename <> '_RETURN' AND {f.On("n")}"),
            Named("casts", "pg_cast c", "format_type(c.castsource, NULL) || '->' || format_type(c.casttarget, NULL)",
                $"c.oid >= {CatalogQueries.FirstNormalObjectId} AND {NotExt("pg_cast", "c.oid")}"),
            Named("procedural languages", "pg_language l", "l.lanname", $"l.oid >= {CatalogQueries.FirstNormalObjectId} AND {NotExt("pg_language", "l.oid")}"),
            Named("event triggers", "pg_event_trigger e", "e.evtname", "true"),
            Named("publications", "pg_publication p", "p.pubname", "true"),
            Named("foreign data wrappers and servers", "(SELECT fdwname AS name, oid FROM pg_foreign_data_wrapper WHERE " + NotExt("pg_foreign_data_wrapper", "oid")
                + " UNION ALL SELECT srvname, oid FROM pg_foreign_server) x", "x.name", "true"),
            Named("grants on tables, views and sequences", "pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace", "n.nspname || '.' || c.relname",
                $"c.relacl IS NOT NULL AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND {f.On("n")} AND {NotExt("pg_class", "c.oid")}"),
            Named("grants on columns", "pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace", "n.nspname || '.' || c.relname || '.' || a.attname",
                $"a.attacl IS NOT NULL AND a.attnum > 0 AND {f.On("n")}"),
            Named("grants on functions", "pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace", "n.nspname || '.' || p.proname",
                $"p.proacl IS NOT NULL AND {f.On("n")} AND {NotExt("pg_proc", "p.oid")}"),
            Named("grants on types", "pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace", "n.nspname || '.' || t.typname",
                $"t.typacl IS NOT NULL AND {f.On("n")} AND {NotExt("pg_type", "t.oid")}"),
            Named("default privileges", "pg_default_acl d", "d.defaclobjtype::text", "true"),
            Named("column storage, compression, statistics or options", "pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid",
                "n.nspname || '.' || c.relname || '.' || a.attname",
                $"a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'm') AND {f.On("n")} AND {NotExt("pg_class", "c.oid")} AND (a.attstorage <> t.typstorage"
                + (major >= 14 ? " OR a.attcompression <> ''" : "") + (major >= 17 ? " OR a.attstattarget IS NOT NULL" : " OR a.attstattarget >= 0") + " OR a.attoptions IS NOT NULL)"),
            Named("replica identity, CLUSTER ON or tablespace settings", "pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace", "n.nspname || '.' || c.relname",
                $"c.relkind IN ('r', 'p', 'm', 'i') AND {f.On("n")} AND {NotExt("pg_class", "c.oid")} AND (c.reltablespace <> 0 OR (c.relkind IN ('r', 'p') AND c.relreplident <> 'd')"
                + " OR EXISTS (SELECT 1 FROM pg_index x WHERE x.indrelid = c.oid AND x.indisclustered))"),
            Named("security labels", "pg_seclabel s", "s.provider", "true"),
            Named("large objects", "pg_largeobject_metadata l", "l.oid::text", "true"),
        };
        var sql = "SELECT * FROM (" + string.Join("\nUNION ALL\n", parts) + ") k WHERE count > 0";
        var result = new List<NotComparedKind>();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add(new NotComparedKind(reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? [] : reader.GetFieldValue<string[]>(2)));
        }

        return result;
    }
}
