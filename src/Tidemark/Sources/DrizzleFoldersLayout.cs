using System.Globalization;
using System.Text.RegularExpressions;

namespace Tidemark.Sources;

/// <summary>
/// drizzle-kit v1: one folder per migration, <c>YYYYMMDDHHMMSS_name/migration.sql</c>, applied in
/// folder-name order. drizzle-orm derives <c>created_at</c> from the first 14 characters of the
/// folder name read as a UTC date and time (<c>formatToMillis</c> in drizzle-orm's migrator).
/// Down SQL: <c>down.sql</c> (or <c>migration.down.sql</c>) in the same folder.
/// </summary>
internal static partial class DrizzleFoldersLayout
{
    public static MigrationSet Load(SourceTree tree, CancellationToken cancellationToken)
    {
        var folders = new SortedDictionary<string, Dictionary<string, SourceFile>>(StringComparer.Ordinal);
        foreach (var file in tree.Files)
        {
            var slash = file.Name.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                if (file.Name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
                {
                    throw new MigrationSourceException(
                        file.Path,
                        "is a .sql file outside a migration folder; drizzle v1 only applies YYYYMMDDHHMMSS_name/migration.sql",
                        "move it into its own YYYYMMDDHHMMSS_name/migration.sql folder (drizzle-kit generate --custom) or remove it");
                }

                continue;
            }

            var folder = file.Name[..slash];
            if (!folders.TryGetValue(folder, out var content))
            {
                folders[folder] = content = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
            }

            content[file.Name[(slash + 1)..]] = file;
        }

        var entries = new List<MigrationEntry>(folders.Count);
        string? previousVersion = null;
        string? previousPath = null;
        foreach (var (folder, content) in folders)
        {
            var match = FolderRegex().Match(folder);
            content.TryGetValue("migration.sql", out var up);
            if (!match.Success)
            {
                if (up is not null)
                {
                    throw new MigrationSourceException(
                        up.Path,
                        "is in a folder whose name does not start with a 14-digit timestamp (YYYYMMDDHHMMSS_name)",
                        "rename the folder to YYYYMMDDHHMMSS_name as drizzle-kit does");
                }

                continue;
            }

            if (up is null)
            {
                throw new MigrationSourceException(
                    tree.PathOf(folder + "/migration.sql"),
                    "does not exist, but its migration folder does",
                    "restore migration.sql from version control or remove the folder");
            }

            var version = match.Groups["version"].Value;
            if (!DateTime.TryParseExact(version, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when))
            {
                throw new MigrationSourceException(
                    up.Path,
                    $"is in a folder whose timestamp {version} is not a valid date and time",
                    "rename the folder to a real YYYYMMDDHHMMSS timestamp");
            }

            if (version == previousVersion)
            {
                throw new MigrationSourceException(
                    up.Path,
                    $"has the same version {version} as {previousPath}",
                    "give one of the two folders a later timestamp");
            }

            content.TryGetValue("down.sql", out var down);
            if (content.TryGetValue("migration.down.sql", out var otherDown))
            {
                if (down is not null)
                {
                    throw new MigrationSourceException(tree.PathOf(folder), "has both down.sql and migration.down.sql", "keep one of them");
                }

                down = otherDown;
            }

            previousVersion = version;
            previousPath = up.Path;
            entries.Add(new MigrationEntry(version, match.Groups["name"].Value, MigrationKind.Versioned, up)
            {
                Down = down,
                DrizzleCreatedAt = new DateTimeOffset(when, TimeSpan.Zero).ToUnixTimeMilliseconds(),
                DrizzleName = folder,
            });
        }

        return MigrationSetBuilder.Build(SourceFormat.DrizzleFolders, tree.Location, entries, [], cancellationToken);
    }

    [GeneratedRegex(@"^(?<version>\d{14})(?:_(?<name>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex FolderRegex();
}
