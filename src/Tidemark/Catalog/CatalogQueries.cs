namespace Tidemark.Catalog;

/// <summary>
/// The catalog queries, one per object kind across all selected schemas, sent together as one batch. OIDs appear
/// in the results only as join keys between result sets; they never reach the model. The first query pins the
/// settings that shape the text of expressions (<c>search_path</c> empty so every name is schema-qualified, ISO
/// dates, UTC) transaction-locally; the last query puts the caller's values back, so a read inside the caller's
/// own transaction leaves its settings as they were.
/// </summary>
internal static class CatalogQueries
{
    /// <summary>
    /// PostgreSQL's FirstNormalObjectId: objects initdb creates (pg_catalog, information_schema and their dependencies)
    /// have OIDs below it; every object a user or an extension creates has one at or above it, OID wrap-around included.
    /// </summary>
    public const int FirstNormalObjectId = 16384;

    /// <summary>Result sets, in batch order.</summary>
    public enum Result
    {
        Settings,
        Schemas,
        Extensions,
        Enums,
        Domains,
        DomainConstraints,
        CompositeTypes,
        Sequences,
        Tables,
        Views,
        Columns,
        Identities,
        Constraints,
        Indexes,
        IndexKeys,
        Triggers,
        Policies,
        Functions,
        ExtensionMembers,
        Dependencies,
        RestoreSettings,
    }

    public static IReadOnlyList<string> Build(int majorVersion, CatalogOptions options)
    {
        var f = new Filter(options);
        var nullsNotDistinct = majorVersion >= 15 ? "x.indnullsnotdistinct" : "false";
        var q = new string[Enum.GetValues<Result>().Length];
        q[(int)Result.Settings] = """
            SELECT set_config('tidemark.saved_search_path', current_setting('search_path'), true),
                   set_config('tidemark.saved_datestyle', current_setting('datestyle'), true),
                   set_config('tidemark.saved_intervalstyle', current_setting('intervalstyle'), true),
                   set_config('tidemark.saved_extra_float_digits', current_setting('extra_float_digits'), true),
                   set_config('tidemark.saved_timezone', current_setting('timezone'), true),
                   current_setting('server_version_num')::int,
                   set_config('search_path', '', true), set_config('datestyle', 'ISO, YMD', true),
                   set_config('intervalstyle', 'postgres', true), set_config('extra_float_digits', '3', true),
                   set_config('timezone', 'UTC', true),
                   -- Catalog queries run in milliseconds; a high cost estimate (a database of many schemas) would
                   -- otherwise have LLVM compile one for seconds (seen: 2.9 s for a 20 ms query).
                   set_config('tidemark.saved_jit', current_setting('jit'), true), set_config('jit', 'off', true)
            """;
        q[(int)Result.RestoreSettings] = """
            SELECT set_config('search_path', current_setting('tidemark.saved_search_path'), true),
                   set_config('datestyle', current_setting('tidemark.saved_datestyle'), true),
                   set_config('intervalstyle', current_setting('tidemark.saved_intervalstyle'), true),
                   set_config('extra_float_digits', current_setting('tidemark.saved_extra_float_digits'), true),
                   set_config('timezone', current_setting('tidemark.saved_timezone'), true),
                   set_config('jit', current_setting('tidemark.saved_jit'), true)
            """;
        q[(int)Result.Schemas] = $"""
            SELECT n.nspname, d.description, n.oid
            FROM pg_namespace n {Desc("n.oid", "pg_namespace")}
            WHERE {f.On("n")} AND {NotExtensionMember("pg_namespace", "n.oid")}
            """;
        q[(int)Result.Extensions] = $"""
            SELECT x.extname, n.nspname, x.extversion, d.description, x.oid
            FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace {Desc("x.oid", "pg_extension")}
            WHERE {f.On("n")}
            """;
        q[(int)Result.Enums] = $"""
            SELECT n.nspname, t.typname,
                   ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder),
                   d.description, t.oid, t.typarray
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace {Desc("t.oid", "pg_type")}
            WHERE t.typtype = 'e' AND {f.On("n")} AND {NotExtensionMember("pg_type", "t.oid")}
            """;
        q[(int)Result.Domains] = $"""
            SELECT t.oid, n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), pg_get_expr(t.typdefaultbin, 0),
                   t.typnotnull, {CollationName("t.typcollation", "bt.typcollation")}, d.description, t.typarray
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_type bt ON bt.oid = t.typbasetype
                 {Desc("t.oid", "pg_type")}
            WHERE t.typtype = 'd' AND {f.On("n")} AND {NotExtensionMember("pg_type", "t.oid")}
            """;
        q[(int)Result.DomainConstraints] = $"""
            SELECT c.contypid, c.conname, pg_get_constraintdef(c.oid), pg_get_expr(c.conbin, 0), NOT c.convalidated, d.description, c.oid
            FROM pg_constraint c JOIN pg_type t ON t.oid = c.contypid JOIN pg_namespace n ON n.oid = t.typnamespace
                 {Desc("c.oid", "pg_constraint")}
            WHERE c.contypid <> 0 AND c.contype = 'c' AND {f.On("n")}
            """;
        q[(int)Result.CompositeTypes] = $"""
            SELECT c.oid, n.nspname, t.typname, d.description, t.oid, t.typarray
            FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid JOIN pg_namespace n ON n.oid = t.typnamespace
                 {Desc("t.oid", "pg_type")}
            WHERE t.typtype = 'c' AND c.relkind = 'c' AND {f.On("n")} AND {NotExtensionMember("pg_type", "t.oid")}
            """;
        q[(int)Result.Sequences] = $"""
            SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax,
                   s.seqcache, s.seqcycle, own.nspname, own.relname, own.attname, d.description, c.oid
            FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN LATERAL (
                SELECT tn.nspname, tc.relname, a.attname
                FROM pg_depend dep JOIN pg_class tc ON tc.oid = dep.refobjid
                JOIN pg_namespace tn ON tn.oid = tc.relnamespace
                JOIN pg_attribute a ON a.attrelid = tc.oid AND a.attnum = dep.refobjsubid
                WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND dep.refclassid = 'pg_class'::regclass
                  AND dep.refobjsubid > 0 AND dep.deptype = 'a'
                LIMIT 1) own ON true
            {Desc("c.oid", "pg_class")}
            WHERE {f.On("n")} AND {NotExtensionMember("pg_class", "c.oid")}
              AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass AND i.objid = c.oid AND i.deptype = 'i')
            """;
        q[(int)Result.Tables] = $"""
            SELECT c.oid, n.nspname, c.relname, c.relpersistence, CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
                   pn.nspname, pc.relname, CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,
                   ARRAY(SELECT hn.nspname::text FROM pg_inherits h JOIN pg_class hc ON hc.oid = h.inhparent
                         JOIN pg_namespace hn ON hn.oid = hc.relnamespace
                         WHERE h.inhrelid = c.oid AND NOT c.relispartition ORDER BY h.inhseqno),
                   ARRAY(SELECT hc.relname::text FROM pg_inherits h JOIN pg_class hc ON hc.oid = h.inhparent
                         WHERE h.inhrelid = c.oid AND NOT c.relispartition ORDER BY h.inhseqno),
                   c.relrowsecurity, c.relforcerowsecurity, c.reloptions, d.description,
                   c.reltype, (SELECT rt.typarray FROM pg_type rt WHERE rt.oid = c.reltype),
                   (SELECT tc.reloptions FROM pg_class tc WHERE tc.oid = c.reltoastrelid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_inherits pi ON c.relispartition AND pi.inhrelid = c.oid
            LEFT JOIN pg_class pc ON pc.oid = pi.inhparent LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
            {Desc("c.oid", "pg_class")}
            WHERE c.relkind IN ('r', 'p') AND {f.On("n")} AND {NotExtensionMember("pg_class", "c.oid")}
            """;
        q[(int)Result.Columns] = $"""
            SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
                   {CollationName("a.attcollation", "t.typcollation")}, a.attidentity::text,
                   CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END, d.description, a.attnum
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
            LEFT JOIN pg_description d ON d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'c') AND a.attnum > 0 AND NOT a.attisdropped AND {f.On("n")}
            ORDER BY a.attrelid, a.attnum
            """;
        q[(int)Result.Identities] = $"""
            SELECT a.attrelid, a.attname, sn.nspname, sc.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,
                   s.seqmin, s.seqmax, s.seqcache, s.seqcycle
            FROM pg_depend dep JOIN pg_class sc ON sc.oid = dep.objid AND sc.relkind = 'S'
            JOIN pg_sequence s ON s.seqrelid = sc.oid JOIN pg_namespace sn ON sn.oid = sc.relnamespace
            JOIN pg_class c ON c.oid = dep.refobjid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = dep.refobjsubid
            WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass AND dep.deptype = 'i'
              AND a.attidentity <> '' AND {f.On("n")}
            """;
        q[(int)Result.Constraints] = $"""
            SELECT k.conrelid, k.conname, k.contype, k.conkey,
                   pg_get_constraintdef(k.oid), k.condeferrable, k.condeferred, NOT k.convalidated, k.connoinherit,
                   fn.nspname, fc.relname,
                   CASE WHEN k.contype = 'f' THEN
                        ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(attnum, ord)
                              JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.ord) END,
                   k.confupdtype, k.confdeltype, k.confmatchtype,
                   NULL,
                   CASE WHEN k.contype IN ('p', 'u', 'x') THEN k.conindid END, d.description, k.oid
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class fc ON fc.oid = k.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            {Desc("k.oid", "pg_constraint")}
            WHERE k.contype IN ('p', 'u', 'f', 'c', 'x') AND k.conparentid = 0 AND k.conislocal AND {f.On("n")}
            """;
        q[(int)Result.Indexes] = $"""
            SELECT x.indexrelid, x.indrelid, ic.relname, x.indisunique, am.amname, pg_get_expr(x.indpred, x.indrelid),
                   x.indisvalid, {nullsNotDistinct}, ic.reloptions, pg_get_indexdef(x.indexrelid), d.description
            FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = ic.relam
            {Desc("x.indexrelid", "pg_class")}
            WHERE c.relkind IN ('r', 'p', 'm') AND {f.On("n")}
              AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = x.indexrelid)
            """;
        q[(int)Result.IndexKeys] = $"""
            SELECT x.indexrelid, k.i < x.indnkeyatts, a.attname,
                   CASE WHEN x.indkey[k.i] = 0 THEN pg_get_indexdef(x.indexrelid, k.i + 1, false) END,
                   CASE WHEN k.i < x.indnkeyatts AND NOT oc.opcdefault THEN
                        CASE WHEN ocn.nspname = 'pg_catalog' THEN quote_ident(oc.opcname)
                             ELSE quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname) END END,
                   CASE WHEN k.i < x.indnkeyatts AND x.indcollation[k.i] <> 0
                             AND x.indcollation[k.i] <> COALESCE(a.attcollation, it.typcollation)
                        THEN quote_ident(con.nspname) || '.' || quote_ident(co.collname) END,
                   k.i < x.indnkeyatts AND (x.indoption[k.i] & 1) <> 0,
                   k.i < x.indnkeyatts AND (x.indoption[k.i] & 2) <> 0
            FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            -- One row per index column, from the index's own attributes (k.i = position - 1): generate_series here
            -- was estimated at 1,000 rows an index, which made the planner hash whole pg_attribute twice (90 ms
            -- for one schema of a database with 4,000 tables).
            JOIN pg_attribute ia ON ia.attrelid = x.indexrelid AND ia.attnum > 0
            CROSS JOIN LATERAL (SELECT ia.attnum - 1) k(i)
            LEFT JOIN pg_attribute a ON x.indkey[k.i] <> 0 AND a.attrelid = x.indrelid AND a.attnum = x.indkey[k.i]
            LEFT JOIN pg_type it ON it.oid = ia.atttypid
            LEFT JOIN pg_opclass oc ON k.i < x.indnkeyatts AND oc.oid = x.indclass[k.i]
            LEFT JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace
            LEFT JOIN pg_collation co ON k.i < x.indnkeyatts AND co.oid = x.indcollation[k.i]
            LEFT JOIN pg_namespace con ON con.oid = co.collnamespace
            WHERE c.relkind IN ('r', 'p', 'm') AND {f.On("n")}
            ORDER BY x.indexrelid, k.i
            """;
        q[(int)Result.Triggers] = $"""
            SELECT tg.tgrelid, tg.tgname, pg_get_triggerdef(tg.oid), pn.nspname, p.proname, tg.tgenabled, d.description, tg.oid
            FROM pg_trigger tg JOIN pg_proc p ON p.oid = tg.tgfoid JOIN pg_namespace pn ON pn.oid = p.pronamespace
            JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            {Desc("tg.oid", "pg_trigger")}
            WHERE NOT tg.tgisinternal AND tg.tgparentid = 0 AND {f.On("n")}
            """;
        q[(int)Result.Policies] = $"""
            SELECT p.polrelid, p.polname, p.polpermissive, p.polcmd,
                   ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE (SELECT ro.rolname::text FROM pg_roles ro WHERE ro.oid = r.oid) END
                         FROM unnest(p.polroles) r(oid)),
                   pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid), d.description, p.oid
            FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            {Desc("p.oid", "pg_policy")}
            WHERE {f.On("n")}
            """;
        q[(int)Result.Views] = $"""
            SELECT c.oid, n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid, true), c.reloptions, d.description,
                   c.reltype, (SELECT rt.typarray FROM pg_type rt WHERE rt.oid = c.reltype)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace {Desc("c.oid", "pg_class")}
            WHERE c.relkind IN ('v', 'm') AND {f.On("n")} AND {NotExtensionMember("pg_class", "c.oid")}
            """;
        q[(int)Result.Functions] = $"""
            SELECT n.nspname, p.proname, oidvectortypes(p.proargtypes), p.prokind, l.lanname,
                   CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END,
                   CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) ELSE
                        'CREATE AGGREGATE ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname)
                        || '(' || pg_get_function_identity_arguments(p.oid) || ') (SFUNC = ' || ag.aggtransfn::regproc::text
                        || ', STYPE = ' || format_type(ag.aggtranstype, NULL)
                        || CASE WHEN ag.aggfinalfn <> 0 THEN ', FINALFUNC = ' || ag.aggfinalfn::regproc::text ELSE '' END
                        || CASE WHEN ag.aggcombinefn <> 0 THEN ', COMBINEFUNC = ' || ag.aggcombinefn::regproc::text ELSE '' END
                        || CASE WHEN ag.agginitval IS NOT NULL THEN ', INITCOND = ' || quote_literal(ag.agginitval) ELSE '' END
                        || ')' END,
                   pg_get_function_arguments(p.oid), p.provolatile, p.proisstrict, p.prosecdef, p.proparallel, p.proconfig,
                   d.description, p.oid
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
            LEFT JOIN pg_aggregate ag ON ag.aggfnoid = p.oid
            {Desc("p.oid", "pg_proc")}
            WHERE {f.On("n")} AND {NotExtensionMember("pg_proc", "p.oid")}
            """;
        q[(int)Result.ExtensionMembers] = """
            SELECT dep.classid, dep.objid, dep.refobjid FROM pg_depend dep
            WHERE dep.deptype = 'e' AND dep.refclassid = 'pg_extension'::regclass
            UNION ALL
            SELECT dep.classid, t.typarray, dep.refobjid FROM pg_depend dep JOIN pg_type t ON t.oid = dep.objid
            WHERE dep.deptype = 'e' AND dep.refclassid = 'pg_extension'::regclass AND dep.classid = 'pg_type'::regclass
              AND t.typarray <> 0
            """;
        q[(int)Result.Dependencies] = options.IncludeSchemas is null ? AllDependencies : SelectedDependencies(f);
        return q;
    }

    /// <summary>
    /// The columns of the dependency result: a column default (pg_attrdef) and a view's rule (pg_rewrite) are
    /// reported as the column and the view they belong to.
    /// </summary>
    private const string DependencyColumns = """
        SELECT CASE WHEN rw.oid IS NOT NULL OR ad.oid IS NOT NULL THEN 'pg_class'::regclass::oid ELSE dep.classid END,
               COALESCE(rw.ev_class, ad.adrelid, dep.objid), COALESCE(ad.adnum::int, dep.objsubid),
               dep.refclassid, dep.refobjid, dep.refobjsubid
        """;

    private const string DependencyJoins = """
        LEFT JOIN pg_rewrite rw ON dep.classid = 'pg_rewrite'::regclass AND rw.oid = dep.objid
        LEFT JOIN pg_attrdef ad ON dep.classid = 'pg_attrdef'::regclass AND ad.oid = dep.objid
        """;

    private static readonly string DependencyKinds = $"""
        dep.deptype IN ('n', 'a')
          -- initdb's objects: information_schema's views alone have 1,400 dependencies, sent on every read.
          AND dep.objid >= {FirstNormalObjectId}
          AND dep.classid IN ('pg_class'::regclass, 'pg_type'::regclass, 'pg_proc'::regclass, 'pg_constraint'::regclass,
                              'pg_attrdef'::regclass, 'pg_rewrite'::regclass, 'pg_trigger'::regclass, 'pg_policy'::regclass,
                              'pg_namespace'::regclass, 'pg_extension'::regclass)
          AND dep.refclassid IN ('pg_class'::regclass, 'pg_type'::regclass, 'pg_proc'::regclass, 'pg_constraint'::regclass,
                                 'pg_namespace'::regclass, 'pg_extension'::regclass, 'pg_opclass'::regclass,
                                 'pg_operator'::regclass, 'pg_collation'::regclass)
        """;

    /// <summary>Every dependency between user objects; the model keeps the edges whose two ends it read.</summary>
    private static readonly string AllDependencies = $"""
        {DependencyColumns}
        FROM pg_depend dep
        {DependencyJoins}
        WHERE {DependencyKinds}
        """;

    /// <summary>
    /// The dependencies of the objects in the selected schemas only, found from those objects: a read of one
    /// tenant's schema in a database of two hundred tenants would otherwise send every tenant's dependencies (100 ms
    /// a read there). An edge the model keeps has its dependent among the objects read, and every object read
    /// is in a selected schema or is a member of an extension installed in one.
    /// </summary>
    private static string SelectedDependencies(Filter f) => $"""
        WITH sel AS MATERIALIZED (SELECT n.oid FROM pg_namespace n WHERE {f.On("n")}),
        rel AS MATERIALIZED (SELECT c.oid FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM sel)),
        obj (classid, objid) AS (
            SELECT 'pg_class'::regclass::oid, oid FROM rel
            UNION ALL SELECT 'pg_type'::regclass::oid, t.oid FROM pg_type t WHERE t.typnamespace IN (SELECT oid FROM sel)
            UNION ALL SELECT 'pg_proc'::regclass::oid, p.oid FROM pg_proc p WHERE p.pronamespace IN (SELECT oid FROM sel)
            UNION ALL SELECT 'pg_constraint'::regclass::oid, k.oid FROM pg_constraint k WHERE k.connamespace IN (SELECT oid FROM sel)
            UNION ALL SELECT 'pg_attrdef'::regclass::oid, a.oid FROM rel JOIN pg_attrdef a ON a.adrelid = rel.oid
            UNION ALL SELECT 'pg_rewrite'::regclass::oid, r.oid FROM rel JOIN pg_rewrite r ON r.ev_class = rel.oid
            UNION ALL SELECT 'pg_trigger'::regclass::oid, t.oid FROM rel JOIN pg_trigger t ON t.tgrelid = rel.oid
            UNION ALL SELECT 'pg_policy'::regclass::oid, p.oid FROM rel JOIN pg_policy p ON p.polrelid = rel.oid
            UNION ALL SELECT 'pg_namespace'::regclass::oid, oid FROM sel
            UNION ALL SELECT 'pg_extension'::regclass::oid, x.oid FROM pg_extension x WHERE x.extnamespace IN (SELECT oid FROM sel)
            UNION ALL SELECT e.classid, e.objid FROM pg_depend e JOIN pg_extension x ON x.oid = e.refobjid
                      WHERE e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e' AND x.extnamespace IN (SELECT oid FROM sel))
        {DependencyColumns}
        -- Each object's own dependencies, by index (OFFSET 0 keeps the planner from hashing all of pg_depend).
        FROM obj CROSS JOIN LATERAL (
            SELECT dep.* FROM pg_depend dep
            WHERE dep.classid = obj.classid AND dep.objid = obj.objid AND {DependencyKinds}
            OFFSET 0) dep
        {DependencyJoins}
        """;

    /// <summary>LEFT JOIN of the object's comment as <c>d.description</c>.</summary>
    private static string Desc(string oid, string catalog) =>
        $"LEFT JOIN pg_description d ON d.objoid = {oid} AND d.classoid = '{catalog}'::regclass AND d.objsubid = 0";

    private static string NotExtensionMember(string catalog, string oid) =>
        $"NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '{catalog}'::regclass AND e.objid = {oid} AND e.deptype = 'e')";

    /// <summary>The qualified collation name when <paramref name="collation"/> differs from <paramref name="typeDefault"/>.</summary>
    private static string CollationName(string collation, string typeDefault) =>
        $"""
        CASE WHEN {collation} <> 0 AND {collation} <> {typeDefault} THEN
             (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co
              JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = {collation}) END
        """;

    /// <summary>The schema selection as a SQL condition on a pg_namespace alias.</summary>
    internal sealed class Filter(CatalogOptions options)
    {
        private readonly string condition = BuildCondition(options);

        public string On(string alias) => condition.Replace("{n}", alias, StringComparison.Ordinal);

        private static string BuildCondition(CatalogOptions options)
        {
            var parts = new List<string>
            {
                "{n}.nspname NOT LIKE 'pg\\_%'",
                "{n}.nspname <> 'information_schema'",
            };
            if (options.ExcludeSchemas.Count > 0)
            {
                parts.Add("{n}.nspname <> ALL (" + Array(options.ExcludeSchemas) + ")");
            }

            if (options.IncludeSchemas is { } include)
            {
                parts.Add(include.Count > 0 ? "{n}.nspname = ANY (" + Array(include) + ")" : "false");
            }

            return "(" + string.Join(" AND ", parts) + ")";
        }

        private static string Array(IEnumerable<string> names) =>
            "ARRAY[" + string.Join(", ", names.Select(Identifiers.Literal)) + "]::text[]";
    }
}
