using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Tidemark.IntegrationTests.Infrastructure;

namespace Tidemark.IntegrationTests.Acceptance;

/// <summary>
/// The committed drizzle-kit fixture (tests/fixtures/drizzle-app, see its README): six generated
/// migrations, pushed schemas, idempotent scripts, plus the seed rows and checks the acceptance tests share.
/// </summary>
internal static class DrizzleApp
{
    public static readonly string Root = Path.Combine(TestServer.RepoRoot, "tests", "fixtures", "drizzle-app");

    public static readonly string Migrations = Path.Combine(Root, "migrations");

    /// <summary>Versions as Tidemark reads them from the journal tags, in order.</summary>
    public static readonly string[] Versions = ["0000", "0001", "0002", "0003", "0004", "0005"];

    public static readonly string[] Tags =
        ["0000_init", "0001_add_last_seen_at", "0002_rename_full_name", "0003_drop_legacy_ref", "0004_add_bounced_status", "0005_delivery_events"];

    private static readonly Lazy<Task<string>> ReferenceSignature = new(BuildReferenceSignatureAsync);

    /// <summary>Copies migrations/ into <paramref name="folder"/>, keeping only the first <paramref name="count"/> journal entries.</summary>
    public static void CopyMigrations(TempFolder folder, int count = 6)
    {
        folder.CopyFrom(Migrations);
        if (count >= Tags.Length)
        {
            return;
        }

        var journalPath = Path.Combine(folder.Path, "meta", "_journal.json");
        var journal = JsonNode.Parse(File.ReadAllText(journalPath))!.AsObject();
        var entries = journal["entries"]!.AsArray();
        while (entries.Count > count)
        {
            entries.RemoveAt(entries.Count - 1);
        }

        File.WriteAllText(journalPath, journal.ToJsonString(new() { WriteIndented = true }));
        for (var i = count; i < Tags.Length; i++)
        {
            folder.Delete(Tags[i] + ".sql");
            folder.Delete(Path.Combine("meta", $"{i:0000}_snapshot.json"));
        }
    }

    /// <summary>Runs a committed SQL file (e.g. pushed/step6.sql) as one command.</summary>
    public static Task LoadAsync(string db, string relative) => TestServer.ExecAsync(db, File.ReadAllText(Path.Combine(Root, relative)));

    /// <summary>Runs idempotent/ scripts whose file name starts with one of <paramref name="prefixes"/>, in order, each as one command.</summary>
    public static async Task RunIdempotentAsync(string db, params string[] prefixes)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "idempotent"), "*.sql").Order(StringComparer.Ordinal))
        {
            if (prefixes.Any(p => Path.GetFileName(file).StartsWith(p, StringComparison.Ordinal)))
            {
                await TestServer.ExecAsync(db, await File.ReadAllTextAsync(file));
            }
        }
    }

    /// <summary>drizzle's hash of a migration: sha256 (hex) of the file's text.</summary>
    public static string DrizzleHash(string tag) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Migrations, tag + ".sql"))));

    /// <summary>(hash, created_at) pairs drizzle's own migrator would record for all six migrations.</summary>
    public static IReadOnlyList<string> ExpectedDrizzleRows()
    {
        var journal = JsonNode.Parse(File.ReadAllText(Path.Combine(Migrations, "meta", "_journal.json")))!;
        return [.. journal["entries"]!.AsArray().Select(e => $"{DrizzleHash((string)e!["tag"]!)}:{(long)e!["when"]!}")];
    }

    // ---- existing-database states, built the way they arise (issue 10) ----

    /// <summary>File names of the six migrations, in order.</summary>
    public static readonly string[] Files = [.. Tags.Select(t => t + ".sql")];

    /// <summary>The team's own history table and its rows with their timestamps (read, never written, by Tidemark).</summary>
    public const string TeamTableRowsSql = "SELECT string_agg(name || '@' || applied_at, ' ' ORDER BY name) FROM public.migrations_applied";

    /// <summary>drizzle's own migrator over the first <paramref name="count"/> migrations.</summary>
    public static async Task DrizzleMigrateAsync(string db, int count)
    {
        using var part = new TempFolder();
        CopyMigrations(part, count);
        var r = await Node.RunAsync("drizzle-migrate.mjs", Node.Url(db), part.Path);
        Assert.True(r.ExitCode == 0, r.All);
    }

    /// <summary>
    /// The team's runner: runs the hand-idempotent script of each of the first <paramref name="count"/> migrations in
    /// its own transaction and records the drizzle file it stands for in <c>public.migrations_applied</c>.
    /// </summary>
    public static async Task TeamRunnerAsync(string db, int count)
    {
        await TestServer.ExecAsync(db, "CREATE TABLE IF NOT EXISTS public.migrations_applied (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());");
        var scripts = Directory.GetFiles(Path.Combine(Root, "idempotent"), "*.sql").Order(StringComparer.Ordinal).Skip(1).ToArray();
        for (var i = 0; i < count; i++)
        {
            // The scripts also record themselves in the fixture's app_migrations; this runner keeps its own table only.
            var sql = string.Join('\n', File.ReadAllLines(scripts[i]).Where(l => !l.Contains("app_migrations", StringComparison.Ordinal)));
            await TestServer.ExecAsync(db, $"BEGIN;\n{sql}\nINSERT INTO public.migrations_applied (name) VALUES ('{Files[i]}');\nCOMMIT;");
            if (i == 1)
            {
                await TestServer.ExecAsync(db, SeedStep2);
            }
        }
    }

    /// <summary>drizzle's migrator through 0004 with the seed rows, then the first statement of 0005 run by hand: half-applied.</summary>
    public static async Task HalfAppliedAfterDrizzleAsync(string db)
    {
        await DrizzleMigrateAsync(db, 2);
        await TestServer.ExecAsync(db, SeedStep2);
        await DrizzleMigrateAsync(db, 5);

        // The first statement of 0005 run by hand: the table exists, its foreign key and index do not.
        await TestServer.ExecAsync(db, File.ReadAllText(Path.Combine(Migrations, Files[5])).Split("--> statement-breakpoint")[0]);
    }

    /// <summary>drizzle's migrator through 0003 with the seed rows, then 0004 (an enum value) run by hand.</summary>
    public static async Task EnumValueAddedByHandAsync(string db)
    {
        await DrizzleMigrateAsync(db, 2);
        await TestServer.ExecAsync(db, SeedStep2);
        await DrizzleMigrateAsync(db, 4);
        await TestServer.ExecAsync(db, File.ReadAllText(Path.Combine(Migrations, Files[4])));
    }

    /// <summary>drizzle's migrator over everything with the seed rows, then <c>ALTER TABLE devices ADD COLUMN debug text</c> by hand.</summary>
    public static async Task DriftAfterDrizzleAsync(string db)
    {
        await DrizzleMigrateAsync(db, 2);
        await TestServer.ExecAsync(db, SeedStep2);
        await DrizzleMigrateAsync(db, 6);
        await TestServer.ExecAsync(db, "ALTER TABLE devices ADD COLUMN debug text;");
    }

    /// <summary>"N rows, M distinct" of drizzle's history table.</summary>
    public static Task<string> DrizzleCountsAsync(string db) => TestServer.ScalarAsync<string>(db,
        "SELECT count(*) || ' rows, ' || count(DISTINCT hash) || ' distinct' FROM drizzle.__drizzle_migrations");

    /// <summary>The end of every reconciliation: drizzle's final schema, the seed rows, six applied versions in Tidemark's history, drizzle's six rows.</summary>
    public static async Task AssertReconciledAsync(string db, bool events = false)
    {
        await AssertFinalSchemaAsync(db);
        await AssertSeedAsync(db, events: events);
        Assert.Equal(6, await TestServer.ScalarAsync<long>(db, "SELECT count(DISTINCT version) FROM tidemark.history WHERE status = 'applied'"));
        Assert.Equal(string.Join(' ', ExpectedDrizzleRows()), await DrizzleRowsAsync(db));
    }

    // ---- seed rows ----

    /// <summary>Users and their devices, in the shape of schema step 1..2 (<c>full_name</c>) or 3+ (<c>display_name</c>).</summary>
    public static string SeedPeople(string nameColumn) => $"""
        INSERT INTO users (email, {nameColumn}) VALUES ('ada@example.com', 'Ada Lovelace'), ('alan@example.com', 'Alan Turing');
        INSERT INTO devices (user_id, platform, push_token) SELECT id, 'ios', 'tok-ada' FROM users WHERE email = 'ada@example.com';
        INSERT INTO devices (user_id, platform, push_token) SELECT id, 'android', 'tok-alan' FROM users WHERE email = 'alan@example.com';
        """;

    /// <summary>Deliveries (with <c>legacy_ref</c> before step 4).</summary>
    public static string SeedDeliveries(bool legacyRef) => $"""
        INSERT INTO deliveries (user_id, device_id, status, attempts, payload{(legacyRef ? ", legacy_ref" : "")})
            SELECT u.id, d.id, 'sent', 1, 'hello ada'{(legacyRef ? ", 'L-1'" : "")} FROM users u JOIN devices d ON d.user_id = u.id WHERE u.email = 'ada@example.com';
        INSERT INTO deliveries (user_id, device_id, status, attempts, payload{(legacyRef ? ", legacy_ref" : "")})
            SELECT u.id, d.id, 'failed', 3, 'hello alan'{(legacyRef ? ", 'L-2'" : "")} FROM users u JOIN devices d ON d.user_id = u.id WHERE u.email = 'alan@example.com';
        """;

    public const string SeedLastSeen = "UPDATE devices SET last_seen_at = '2026-01-02 03:04:05+00' WHERE push_token = 'tok-ada';";

    /// <summary>All seed rows at schema step 2 (as pushed at step 2 or migrated through 0001).</summary>
    public static string SeedStep2 => SeedPeople("full_name") + "\n" + SeedDeliveries(legacyRef: true) + "\n" + SeedLastSeen;

    /// <summary>All seed rows at the final schema, including a delivery event with the enum value added by 0004.</summary>
    public static string SeedFinal => SeedPeople("display_name") + "\n" + SeedDeliveries(legacyRef: false) + "\n" + SeedLastSeen + "\n" + """
        INSERT INTO delivery_events (delivery_id, status, note) SELECT id, 'bounced', 'mailbox full' FROM deliveries WHERE payload = 'hello ada';
        """;

    /// <summary>Asserts the seed rows survived, read through the final schema (display_name, no legacy_ref).</summary>
    public static async Task AssertSeedAsync(string db, bool deliveries = true, bool lastSeen = true, bool events = false)
    {
        Assert.Equal("ada@example.com=Ada Lovelace;alan@example.com=Alan Turing",
            await TestServer.ScalarAsync<string>(db, "SELECT string_agg(email || '=' || display_name, ';' ORDER BY email) FROM users"));
        Assert.Equal("tok-ada:ios:ada@example.com;tok-alan:android:alan@example.com",
            await TestServer.ScalarAsync<string>(db, "SELECT string_agg(d.push_token || ':' || d.platform || ':' || u.email, ';' ORDER BY d.push_token) FROM devices d JOIN users u ON u.id = d.user_id"));
        if (deliveries)
        {
            Assert.Equal("hello ada:sent:1:tok-ada;hello alan:failed:3:tok-alan",
                await TestServer.ScalarAsync<string>(db, "SELECT string_agg(x.payload || ':' || x.status || ':' || x.attempts || ':' || d.push_token, ';' ORDER BY x.payload) FROM deliveries x JOIN devices d ON d.id = x.device_id"));
        }

        if (lastSeen)
        {
            Assert.Equal("tok-ada=2026-01-02 03:04:05+00",
                await TestServer.ScalarAsync<string>(db, "SELECT string_agg(push_token || '=' || to_char(last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00', ';') FROM devices WHERE last_seen_at IS NOT NULL"));
        }

        if (events)
        {
            Assert.Equal("hello ada:bounced:mailbox full",
                await TestServer.ScalarAsync<string>(db, "SELECT string_agg(x.payload || ':' || e.status || ':' || e.note, ';') FROM delivery_events e JOIN deliveries x ON x.id = e.delivery_id"));
        }
    }

    // ---- schema checks ----

    /// <summary>Asserts the public schema equals the final step's (as drizzle-kit push builds it), ignoring the teams' history tables (app_migrations*, migrations_applied*).</summary>
    public static async Task AssertFinalSchemaAsync(string db) => Assert.Equal(await ReferenceSignature.Value, await SignatureAsync(db));

    /// <summary>Columns, constraints, indexes and enum labels of the public schema, as text.</summary>
    public static Task<string> SignatureAsync(string db) => TestServer.ScalarAsync<string>(db, """
        SELECT string_agg(x, E'\n' ORDER BY x) FROM (
            SELECT format('column %s.%s %s null=%s default=%s #%s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
                          pg_get_expr(d.adbin, d.adrelid),
                          (SELECT count(*) FROM pg_attribute b WHERE b.attrelid = a.attrelid AND b.attnum > 0 AND NOT b.attisdropped AND b.attnum <= a.attnum))
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname NOT LIKE 'app\_migrations%' AND c.relname NOT LIKE 'migrations\_applied%'
            UNION ALL
            SELECT format('constraint %s.%s %s', c.relname, k.conname, pg_get_constraintdef(k.oid))
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
            WHERE k.connamespace = 'public'::regnamespace AND c.relname NOT LIKE 'app\_migrations%' AND c.relname NOT LIKE 'migrations\_applied%'
            UNION ALL
            SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE 'app\_migrations%' AND tablename NOT LIKE 'migrations\_applied%'
            UNION ALL
            SELECT format('enum %s %s', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder))
            FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname
            UNION ALL
            SELECT format('sequence %s', c.relname) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S' AND c.relname NOT LIKE 'app\_migrations%' AND c.relname NOT LIKE 'migrations\_applied%'
        ) s(x)
        """);

    /// <summary>OIDs and row versions (xmin) of every catalog row describing the public schema: any DDL changes it.</summary>
    public static Task<string> CatalogIdentityAsync(string db) => TestServer.ScalarAsync<string>(db, """
        SELECT string_agg(x, E'\n' ORDER BY x) FROM (
            SELECT 'class ' || relname || ' ' || oid || ' ' || xmin FROM pg_class WHERE relnamespace = 'public'::regnamespace
            UNION ALL SELECT 'type ' || typname || ' ' || oid || ' ' || xmin FROM pg_type WHERE typnamespace = 'public'::regnamespace
            UNION ALL SELECT 'constraint ' || conname || ' ' || oid || ' ' || xmin FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            UNION ALL SELECT 'attribute ' || a.attrelid::regclass || '.' || a.attname || ' ' || a.xmin
                      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0
            UNION ALL SELECT 'enum ' || e.enumlabel || ' ' || e.oid || ' ' || e.xmin
                      FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typnamespace = 'public'::regnamespace
        ) s(x)
        """);

    /// <summary>"version:kind" of every tidemark.history row, in version order.</summary>
    public static Task<string> HistoryAsync(string db) =>
        TestServer.ScalarAsync<string>(db, "SELECT coalesce(string_agg(version || ':' || kind, ' ' ORDER BY version), '') FROM tidemark.history");

    public static Task<string> DrizzleRowsAsync(string db) =>
        TestServer.ScalarAsync<string>(db, "SELECT coalesce(string_agg(hash || ':' || created_at, ' ' ORDER BY created_at), '') FROM drizzle.__drizzle_migrations");

    private static async Task<string> BuildReferenceSignatureAsync()
    {
        var db = await TestServer.CreateDatabaseAsync("reference");
        await LoadAsync(db, Path.Combine("pushed", "step6.sql"));
        return await SignatureAsync(db);
    }
}
