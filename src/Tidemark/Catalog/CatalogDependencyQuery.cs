namespace Tidemark.Catalog;

/// <summary>
/// The pg_depend query: every normal/automatic dependency whose both ends resolve to an object in the selected
/// schemas, each end given as (kind, schema, name, sub) parts that <see cref="CatalogReader"/> turns into an
/// <see cref="ObjectKey"/>. Columns of views and composite types resolve to the view or type; column defaults to
/// their column; view rules to their view; table row types to their table; array types to their element type.
/// </summary>
internal static class CatalogDependencyQuery
{
    public static string Build(CatalogQueries.Filter f) => $"""
        WITH rel AS (
            SELECT c.oid, c.relkind, n.nspname, c.relname,
                   CASE WHEN c.relkind IN ('r', 'p') THEN 'table' WHEN c.relkind IN ('v', 'm') THEN 'view'
                        WHEN c.relkind = 'S' THEN 'sequence' WHEN c.relkind IN ('i', 'I') THEN 'index' ELSE 'type' END AS kind
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i', 'I', 'c') AND {f.On("n")}
        ), typ AS (
            SELECT t.oid, n.nspname, t.typname, t.typtype, t.typrelid, t.typarray FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typtype IN ('e', 'd', 'c') AND {f.On("n")}
        ), objs AS (
            SELECT 'pg_class'::regclass::oid AS classid, r.oid AS objid, 0 AS objsubid, r.kind, r.nspname AS sch,
                   r.relname::text AS name, NULL::text AS sub
            FROM rel r
            UNION ALL
            SELECT 'pg_class'::regclass::oid, r.oid, a.attnum, CASE WHEN r.kind = 'table' THEN 'column' ELSE r.kind END,
                   r.nspname, r.relname, CASE WHEN r.kind = 'table' THEN a.attname::text END
            FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid
            WHERE r.relkind IN ('r', 'p', 'v', 'm', 'c') AND a.attnum > 0 AND NOT a.attisdropped
            UNION ALL
            SELECT 'pg_type'::regclass::oid, t.oid, 0, COALESCE(r.kind, 'type'), t.nspname, t.typname, NULL
            FROM typ t LEFT JOIN rel r ON r.oid = t.typrelid
            UNION ALL
            SELECT 'pg_type'::regclass::oid, t.typarray, 0, COALESCE(r.kind, 'type'), t.nspname, t.typname, NULL
            FROM typ t LEFT JOIN rel r ON r.oid = t.typrelid WHERE t.typarray <> 0
            UNION ALL
            SELECT 'pg_proc'::regclass::oid, p.oid, 0, 'function', n.nspname, p.proname, oidvectortypes(p.proargtypes)
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE {f.On("n")}
            UNION ALL
            SELECT 'pg_constraint'::regclass::oid, k.oid, 0, 'constraint', COALESCE(r.nspname, t.nspname),
                   COALESCE(r.relname, t.typname), k.conname
            FROM pg_constraint k LEFT JOIN rel r ON r.oid = k.conrelid LEFT JOIN typ t ON t.oid = k.contypid
            WHERE r.oid IS NOT NULL OR t.oid IS NOT NULL
            UNION ALL
            SELECT 'pg_attrdef'::regclass::oid, ad.oid, 0, 'column', r.nspname, r.relname, a.attname
            FROM pg_attrdef ad JOIN rel r ON r.oid = ad.adrelid
            JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
            UNION ALL
            SELECT 'pg_rewrite'::regclass::oid, rw.oid, 0, r.kind, r.nspname, r.relname, NULL
            FROM pg_rewrite rw JOIN rel r ON r.oid = rw.ev_class
            UNION ALL
            SELECT 'pg_trigger'::regclass::oid, tg.oid, 0, 'trigger', r.nspname, r.relname, tg.tgname
            FROM pg_trigger tg JOIN rel r ON r.oid = tg.tgrelid WHERE NOT tg.tgisinternal
            UNION ALL
            SELECT 'pg_policy'::regclass::oid, po.oid, 0, 'policy', r.nspname, r.relname, po.polname
            FROM pg_policy po JOIN rel r ON r.oid = po.polrelid
            UNION ALL
            SELECT 'pg_namespace'::regclass::oid, n.oid, 0, 'schema', n.nspname, n.nspname, NULL
            FROM pg_namespace n WHERE {f.On("n")}
            UNION ALL
            SELECT 'pg_extension'::regclass::oid, x.oid, 0, 'extension', NULL, x.extname, NULL FROM pg_extension x
        )
        SELECT DISTINCT a.kind, a.sch, a.name, a.sub, b.kind, b.sch, b.name, b.sub
        FROM pg_depend dep
        JOIN objs a ON a.classid = dep.classid AND a.objid = dep.objid AND a.objsubid = dep.objsubid
        JOIN objs b ON b.classid = dep.refclassid AND b.objid = dep.refobjid AND b.objsubid = dep.refobjsubid
        WHERE dep.deptype IN ('n', 'a')
        """;
}
