using System.Text.RegularExpressions;

namespace Tidemark.Sources;

/// <summary>Tells the layout of a <see cref="SourceTree"/> and hands it to the matching reader.</summary>
internal static partial class SourceLayouts
{
    public const string JournalName = "meta/_journal.json";

    /// <summary>The layout the files look like, or <see cref="SourceFormat.Auto"/> when none fits.</summary>
    public static SourceFormat Detect(SourceTree tree)
    {
        if (tree.Find(JournalName) is not null)
        {
            return SourceFormat.DrizzleJournal;
        }

        if (LooksLike(tree, SourceFormat.DrizzleFolders))
        {
            return SourceFormat.DrizzleFolders;
        }

        if (LooksLike(tree, SourceFormat.Flyway))
        {
            return SourceFormat.Flyway;
        }

        return LooksLike(tree, SourceFormat.Plain) ? SourceFormat.Plain : SourceFormat.Auto;
    }

    public static MigrationSet Load(SourceTree tree, SourceFormat format, CancellationToken cancellationToken)
    {
        if (tree.Files.Count == 0)
        {
            throw new MigrationSourceException(
                tree.Location,
                "contains no migrations (no files at all)",
                "Create a first migration with `tidemark new <name>` (or your generator, e.g. `drizzle-kit generate`), or point Tidemark at the folder that holds them.");
        }

        if (tree.Find(JournalName) is null && !tree.Files.Any(f => f.Name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase)))
        {
            throw new MigrationSourceException(
                tree.Location,
                "contains no migrations (no .sql files and no meta/_journal.json)",
                "Create a first migration with `tidemark new <name>` (or your generator, e.g. `drizzle-kit generate`), or point Tidemark at the folder that holds them.");
        }

        var detected = Detect(tree);
        if (format is SourceFormat.Auto or SourceFormat.Embedded)
        {
            ThrowIfBothDrizzleLayouts(tree);
            format = detected != SourceFormat.Auto ? detected : throw Undetectable(tree);
        }
        else if (!LooksLike(tree, format))
        {
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
            "cannot tell the migration format: expected meta/_journal.json (drizzle), YYYYMMDDHHMMSS_name/migration.sql folders (drizzle v1), "
            + $"V1__x.sql (Flyway-style) or 0001_x.sql files; {found}",
            "rename the files to one of those layouts, or point Tidemark at the folder that holds the migrations");
    }

    private static bool LooksLike(SourceTree tree, SourceFormat format) => format switch
    {
        SourceFormat.DrizzleJournal => tree.Find(JournalName) is not null,
        SourceFormat.DrizzleFolders => tree.Files.Any(f => DrizzleFolderFileRegex().IsMatch(f.Name)),
        SourceFormat.Flyway => tree.TopLevel.Any(f => FlywayFileRegex().IsMatch(f.Name)),
        SourceFormat.Plain => tree.TopLevel.Any(f => PlainFileRegex().IsMatch(f.Name)),
        _ => false,
    };

    private static string Expected(SourceFormat format) => format switch
    {
        SourceFormat.DrizzleJournal => JournalName,
        SourceFormat.DrizzleFolders => "YYYYMMDDHHMMSS_name/migration.sql folder",
        SourceFormat.Flyway => "V<version>__<description>.sql or R__<description>.sql file",
        _ => "NNNN_name.sql file",
    };

    [GeneratedRegex(@"^\d{14}(_[^/]*)?/migration\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex DrizzleFolderFileRegex();

    [GeneratedRegex(@"^(?:[VU]\d+(?:[._]\d+)*__.*|R__.+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FlywayFileRegex();

    [GeneratedRegex(@"^\d+.*\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainFileRegex();
}
