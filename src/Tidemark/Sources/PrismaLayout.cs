using System.Text.RegularExpressions;

namespace Tidemark.Sources;

/// <summary>
/// Prisma Migrate: <c>prisma/migrations/&lt;timestamp&gt;_name/migration.sql</c> next to <c>migration_lock.toml</c>,
/// applied in folder-name order (a baseline is often <c>0_init</c>). The version is the folder's leading
/// number; <c>_prisma_migrations.migration_name</c> holds the folder name. Prisma has no down files; a
/// <c>down.sql</c> in the folder (from <c>prisma migrate diff</c>) is used as one.
/// </summary>
internal static partial class PrismaLayout
{
    public const string LockFile = "migration_lock.toml";

    public static bool LooksLike(SourceTree tree) =>
        tree.Find(LockFile) is not null && tree.Files.Any(f => f.Name.EndsWith("/migration.sql", StringComparison.Ordinal));

    public static MigrationSet Load(SourceTree tree, CancellationToken cancellationToken)
    {
        var entries = new List<MigrationEntry>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var up in tree.Files.Where(f => f.Name.EndsWith("/migration.sql", StringComparison.Ordinal)).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var folder = up.Name[..up.Name.IndexOf('/', StringComparison.Ordinal)];
            var match = FolderRegex().Match(folder);
            if (!match.Success)
            {
                throw new MigrationSourceException(up.Path, "is in a folder whose name does not start with a number (<timestamp>_name, as `prisma migrate dev` names it)", "rename the folder to <timestamp>_<name>");
            }

            var version = match.Groups["version"].Value;
            if (seen.TryGetValue(version, out var other))
            {
                throw new MigrationSourceException(up.Path, $"has the same version ({version}) as {other}", "give one of the two folders another timestamp");
            }

            seen[version] = up.Path;
            entries.Add(new MigrationEntry(version, match.Groups["name"].Value, MigrationKind.Versioned, up) { Down = tree.Find(folder + "/down.sql") });
        }

        return MigrationSetBuilder.Build(SourceFormat.Prisma, tree.Location, entries, [], cancellationToken);
    }

    [GeneratedRegex(@"^(?<version>\d+)(?:_(?<name>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex FolderRegex();
}
