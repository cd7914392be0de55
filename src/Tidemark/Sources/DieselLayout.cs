using System.Text;
using System.Text.RegularExpressions;

namespace Tidemark.Sources;

/// <summary>
/// diesel: one folder per migration, <c>YYYY-MM-DD-HHMMSS_name/up.sql</c> + <c>down.sql</c> (diesel 2.2 adds a
/// counter: <c>YYYY-MM-DD-HHMMSS-0000_name</c>; the first is often <c>00000000000000_diesel_initial_setup</c>).
/// The version is diesel's: the folder name up to the first '_' with the dashes removed
/// (<c>20190226002946</c>), which is what <c>__diesel_schema_migrations.version</c> holds; migrations run in
/// version order, compared as strings as diesel does. <c>metadata.toml</c> with <c>run_in_transaction = false</c>
/// runs the migration outside a transaction.
/// </summary>
internal static partial class DieselLayout
{
    public static bool LooksLike(SourceTree tree) => tree.Files.Any(f => UpFileRegex().IsMatch(f.Name));

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
                        "is a .sql file outside a migration folder; diesel only runs <version>_<name>/up.sql",
                        "move it into its own folder (diesel migration generate <name>) or remove it");
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

        var entries = new List<(string Version, MigrationEntry Entry)>();
        foreach (var (folder, content) in folders)
        {
            content.TryGetValue("up.sql", out var up);
            content.TryGetValue("down.sql", out var down);
            if (up is null && down is null)
            {
                continue;
            }

            var match = FolderRegex().Match(folder);
            if (!match.Success)
            {
                throw new MigrationSourceException(
                    tree.PathOf(folder),
                    "is a migration folder whose name does not start with a version (YYYY-MM-DD-HHMMSS_name, as `diesel migration generate` names it)",
                    "rename the folder to <version>_<name>");
            }

            if (up is null)
            {
                throw new MigrationSourceException(tree.PathOf(folder + "/up.sql"), "does not exist, but down.sql next to it does", "restore up.sql from version control or remove the folder");
            }

            var version = match.Groups["version"].Value.Replace("-", "", StringComparison.Ordinal);
            var noTransaction = content.TryGetValue("metadata.toml", out var metadata) && RunsOutsideTransaction(metadata);
            entries.Add((version, new MigrationEntry(version, match.Groups["name"].Value, MigrationKind.Versioned, up) { Down = down, NoTransaction = noTransaction }));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Version, b.Version));
        for (var i = 1; i < entries.Count; i++)
        {
            if (entries[i].Version == entries[i - 1].Version)
            {
                throw new MigrationSourceException(
                    entries[i].Entry.File.Path,
                    $"has the same diesel version ({entries[i].Version}) as {entries[i - 1].Entry.File.Path}",
                    "give one of the two folders another timestamp");
            }
        }

        return MigrationSetBuilder.Build(SourceFormat.Diesel, tree.Location, [.. entries.Select(e => e.Entry)], [], cancellationToken);
    }

    private static bool RunsOutsideTransaction(SourceFile metadata)
    {
        var text = Encoding.UTF8.GetString(SourceFileReader.ReadBytes(metadata));
        return RunInTransactionFalse().IsMatch(text);
    }

    [GeneratedRegex(@"^[^/]+/up\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex UpFileRegex();

    [GeneratedRegex(@"^(?<version>\d[\d-]*)(?:_(?<name>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex FolderRegex();

    [GeneratedRegex(@"^\s*run_in_transaction\s*=\s*false\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex RunInTransactionFalse();
}
