using System.Text.RegularExpressions;

namespace Tidemark.Sources;

/// <summary>Tells the layout of a <see cref="SourceTree"/> and hands it to the matching reader.</summary>
internal static partial class SourceLayouts
{
    public const string JournalName = "meta/_journal.json";

    /// <summary>The layout the files look like, or <see cref="SourceFormat.Auto"/> when none fits.</summary>
    /// <exception cref="MigrationSourceException">The files fit more than one layout; the message names the candidates.</exception>
    public static SourceFormat Detect(SourceTree tree)
    {
        if (tree.Find(JournalName) is not null)
        {
            return SourceFormat.DrizzleJournal;
        }

        // Layouts told apart by their file names or folders; more than one is ambiguous.
        var candidates = new List<SourceFormat>();
        var prisma = PrismaLayout.LooksLike(tree);
        if (prisma)
        {
            candidates.Add(SourceFormat.Prisma);
        }

        if (LooksLike(tree, SourceFormat.DrizzleFolders) && (!prisma || tree.Files.Any(f => f.Name.EndsWith("/snapshot.json", StringComparison.Ordinal))))
        {
            candidates.Add(SourceFormat.DrizzleFolders);
        }

        if (DieselLayout.LooksLike(tree))
        {
            candidates.Add(SourceFormat.Diesel);
        }

        if (UpDownFilesLayout.LooksLike(tree))
        {
            candidates.Add(SourceFormat.GolangMigrate);
        }

        if (LooksLike(tree, SourceFormat.Flyway))
        {
            candidates.Add(SourceFormat.Flyway);
        }

        if (candidates.Count > 1)
        {
            throw Ambiguous(tree, candidates);
        }

        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        // NNNN_name.sql files: the markers inside tell dbmate and goose apart from plain SQL.
        if (IsSupabaseRoot(tree))
        {
            return SourceFormat.Supabase;
        }

        if (!LooksLike(tree, SourceFormat.Plain))
        {
            return SourceFormat.Auto;
        }

        var (dbmate, goose) = SectionedFilesLayout.Markers(tree);
        if (dbmate && goose)
        {
            throw Ambiguous(tree, [SourceFormat.Dbmate, SourceFormat.Goose]);
        }

        return dbmate ? SourceFormat.Dbmate
            : goose ? SourceFormat.Goose
            : IsSupabaseMigrations(tree) ? SourceFormat.Supabase
            : SourceFormat.Plain;
    }

    /// <summary>The Supabase CLI's own folder (<c>supabase/</c>: <c>config.toml</c> and <c>migrations/</c>).</summary>
    private static bool IsSupabaseRoot(SourceTree tree) =>
        tree.Find("config.toml") is not null && tree.Files.Any(f => SupabaseFileRegex().IsMatch(f.Name));

    /// <summary><c>supabase/migrations</c> itself: the folder's parent is a Supabase CLI folder.</summary>
    private static bool IsSupabaseMigrations(SourceTree tree)
    {
        var parent = System.IO.Path.GetDirectoryName(tree.Location);
        return System.IO.Path.GetFileName(tree.Location) == "migrations" && parent is not null
            && System.IO.Path.GetFileName(parent) == "supabase" && File.Exists(System.IO.Path.Combine(parent, "config.toml"));
    }

    private static MigrationSourceException Ambiguous(SourceTree tree, IReadOnlyList<SourceFormat> candidates) => new(
        tree.Location,
        "fits more than one migration layout, so the format is ambiguous: " + string.Join(", ", candidates.Select(c => $"{c} ({Expected(c)})")),
        "keep one tool's migrations in this folder, or pass the layout (--layout " + string.Join(" or --layout ", candidates) + ")");

    public static MigrationSet Load(SourceTree tree, SourceFormat format, CancellationToken cancellationToken)
    {
        if (tree.Files.Count == 0)
        {
            throw new MigrationSourceException(
                tree.Location,
                "contains no migrations (no files at all)",
                NestedMigrations.Hint(tree) ?? "Create a first migration with `tidemark new <name>` (or your generator, e.g. `drizzle-kit generate`), or point Tidemark at the folder that holds them.");
        }

        if (tree.Find(JournalName) is null && !tree.Files.Any(f => f.Name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase)))
        {
            throw new MigrationSourceException(
                tree.Location,
                "contains no migrations (no .sql files and no meta/_journal.json)",
                NestedMigrations.Hint(tree) ?? "Create a first migration with `tidemark new <name>` (or your generator, e.g. `drizzle-kit generate`), or point Tidemark at the folder that holds them.");
        }

        if (format is SourceFormat.Auto or SourceFormat.Embedded)
        {
            ThrowIfBothDrizzleLayouts(tree);
            var found = Detect(tree);
            format = found != SourceFormat.Auto ? found : throw Undetectable(tree);
        }
        else if (!LooksLike(tree, format))
        {
            SourceFormat detected;
            try
            {
                detected = Detect(tree);
            }
            catch (MigrationSourceException)
            {
                detected = SourceFormat.Auto;
            }

            var looks = detected == SourceFormat.Auto ? "no known layout" : $"the {detected} layout";
            throw new MigrationSourceException(
                tree.Location,
                $"the format {format} was requested, but there is no {Expected(format)} here (the contents look like {looks})",
                detected == SourceFormat.Auto
                    ? "point Tidemark at the folder that holds the migrations"
                    : $"remove the format override (Auto detects {detected}) or point Tidemark at the right folder");
        }

        return format switch
        {
            SourceFormat.DrizzleJournal => DrizzleJournalLayout.Load(tree, cancellationToken),
            SourceFormat.DrizzleFolders => DrizzleFoldersLayout.Load(tree, cancellationToken),
            SourceFormat.Flyway => FlywayLayout.Load(tree, cancellationToken),
            SourceFormat.Diesel => DieselLayout.Load(tree, cancellationToken),
            SourceFormat.GolangMigrate => UpDownFilesLayout.Load(tree, format, cancellationToken),
            SourceFormat.Sqlx when UpDownFilesLayout.LooksLike(tree) => UpDownFilesLayout.Load(tree, format, cancellationToken),
            SourceFormat.Dbmate or SourceFormat.Goose => SectionedFilesLayout.Load(tree, format, cancellationToken),
            SourceFormat.Prisma => PrismaLayout.Load(tree, cancellationToken),
            SourceFormat.Supabase when IsSupabaseRoot(tree) => PlainLayout.Load(tree.Sub("migrations"), format, cancellationToken),
            SourceFormat.Sqlx or SourceFormat.Supabase => PlainLayout.Load(tree, format, cancellationToken),
            _ => PlainLayout.Load(tree, cancellationToken),
        };
    }

    /// <summary>
    /// A journal next to v1 folders is a half-finished <c>drizzle-kit up</c>: drizzle-orm v1 refuses
    /// it (older v1 betas used the journal), so auto-detection refuses to guess.
    /// </summary>
    public static void ThrowIfBothDrizzleLayouts(SourceTree tree)
    {
        if (LooksLike(tree, SourceFormat.DrizzleJournal) && LooksLike(tree, SourceFormat.DrizzleFolders))
        {
            throw new MigrationSourceException(
                tree.Location,
                "has both meta/_journal.json (drizzle v0) and YYYYMMDDHHMMSS_name/migration.sql folders (drizzle v1), so the migration format is ambiguous",
                "after `drizzle-kit up`, remove the meta/ folder and the old NNNN_tag.sql files; or pass the format (DrizzleJournal or DrizzleFolders) explicitly");
        }
    }

    public static MigrationSourceException Undetectable(SourceTree tree)
    {
        var sql = tree.Files.Where(f => f.Name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase)).Select(f => f.Name).Take(3).ToList();
        var found = sql.Count == 0
            ? "there are no .sql files"
            : "found " + string.Join(", ", sql) + (sql.Count == 3 ? ", ..." : string.Empty);
        return new MigrationSourceException(
            tree.Location,
            "cannot tell the migration format: expected meta/_journal.json (drizzle), YYYYMMDDHHMMSS_name/migration.sql folders (drizzle v1, Prisma), "
            + "YYYY-MM-DD-HHMMSS_name/up.sql folders (diesel), 000001_x.up.sql (golang-migrate, sqlx), "
            + $"V1__x.sql (Flyway-style) or 0001_x.sql files (plain, dbmate, goose, sqlx, Supabase); {found}",
            NestedMigrations.Hint(tree) ?? "rename the files to one of those layouts, or point Tidemark at the folder that holds the migrations");
    }

    private static bool LooksLike(SourceTree tree, SourceFormat format) => format switch
    {
        SourceFormat.DrizzleJournal => tree.Find(JournalName) is not null,
        SourceFormat.DrizzleFolders => tree.Files.Any(f => DrizzleFolderFileRegex().IsMatch(f.Name)),
        SourceFormat.Flyway => tree.TopLevel.Any(f => FlywayFileRegex().IsMatch(f.Name)),
        SourceFormat.Plain or SourceFormat.Dbmate or SourceFormat.Goose => tree.TopLevel.Any(f => PlainFileRegex().IsMatch(f.Name)),
        SourceFormat.Diesel => DieselLayout.LooksLike(tree),
        SourceFormat.GolangMigrate => UpDownFilesLayout.LooksLike(tree),
        SourceFormat.Sqlx => UpDownFilesLayout.LooksLike(tree) || tree.TopLevel.Any(f => PlainFileRegex().IsMatch(f.Name)),
        SourceFormat.Prisma => PrismaLayout.LooksLike(tree),
        SourceFormat.Supabase => IsSupabaseRoot(tree) || tree.TopLevel.Any(f => PlainFileRegex().IsMatch(f.Name)),
        _ => false,
    };

    private static string Expected(SourceFormat format) => format switch
    {
        SourceFormat.DrizzleJournal => JournalName,
        SourceFormat.DrizzleFolders => "YYYYMMDDHHMMSS_name/migration.sql folder",
        SourceFormat.Flyway => "V<version>__<description>.sql or R__<description>.sql file",
        SourceFormat.Diesel => "YYYY-MM-DD-HHMMSS_name/up.sql folder",
        SourceFormat.GolangMigrate => "NNNNNN_name.up.sql file",
        SourceFormat.Sqlx => "<version>_<desc>.sql or <version>_<desc>.up.sql file",
        SourceFormat.Dbmate => "<version>_name.sql file with -- migrate:up",
        SourceFormat.Goose => "<version>_name.sql file with -- +goose Up",
        SourceFormat.Prisma => "migration_lock.toml and <timestamp>_name/migration.sql folder",
        SourceFormat.Supabase => "<timestamp>_name.sql file (supabase/migrations)",
        _ => "NNNN_name.sql file",
    };

    [GeneratedRegex(@"^migrations/\d+_.*\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex SupabaseFileRegex();

    [GeneratedRegex(@"^\d{14}(_[^/]*)?/migration\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex DrizzleFolderFileRegex();

    [GeneratedRegex(@"^(?:[VU]\d+(?:[._]\d+)*__.*|R__.+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FlywayFileRegex();

    [GeneratedRegex(@"^\d+.*\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainFileRegex();
}
