using System.Text.RegularExpressions;

namespace Tidemark.Sources;

/// <summary>
/// golang-migrate and sqlx (reversible): <c>&lt;version&gt;_&lt;title&gt;.up.sql</c> with an optional
/// <c>&lt;version&gt;_&lt;title&gt;.down.sql</c>, in numeric version order. Both tools name files the same way;
/// which history table the database has (<c>schema_migrations</c> or <c>_sqlx_migrations</c>) is read from
/// the database, not the folder. A first line starting with <c>-- no-transaction</c> (sqlx's marker) runs the
/// migration outside a transaction.
/// </summary>
internal static partial class UpDownFilesLayout
{
    public static bool LooksLike(SourceTree tree) => tree.TopLevel.Any(f => FileRegex().Match(f.Name) is { Success: true } m && m.Groups["dir"].Value == "up");

    public static MigrationSet Load(SourceTree tree, SourceFormat format, CancellationToken cancellationToken)
    {
        var ups = new List<(VersionNumber Key, MigrationEntry Entry)>();
        var downs = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        foreach (var file in tree.TopLevel)
        {
            if (!file.Name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var match = FileRegex().Match(file.Name);
            if (!match.Success)
            {
                throw new MigrationSourceException(
                    file.Path,
                    "does not match <version>_<title>.up.sql or <version>_<title>.down.sql, so its place in the order is unknown",
                    "rename it (for example 000004_add_users.up.sql) or move it out of the migrations folder");
            }

            var version = match.Groups["version"].Value;
            if (match.Groups["dir"].Value == "down")
            {
                downs[version] = file;
                continue;
            }

            ups.Add((VersionNumber.Parse(version), new MigrationEntry(version, match.Groups["title"].Value, MigrationKind.Versioned, file) { Sections = SectionStyle.Sqlx }));
        }

        ups.Sort((a, b) => a.Key.CompareTo(b.Key));
        var entries = new List<MigrationEntry>(ups.Count);
        for (var i = 0; i < ups.Count; i++)
        {
            var entry = ups[i].Entry;
            if (i > 0 && ups[i].Key.CompareTo(ups[i - 1].Key) == 0)
            {
                throw new MigrationSourceException(entry.File.Path, $"has the same version ({entry.Version}) as {ups[i - 1].Entry.File.Path}", "renumber one of the two files so each version appears once");
            }

            if (downs.Remove(entry.Version, out var down))
            {
                entry = entry with { Down = down };
            }

            entries.Add(entry);
        }

        if (downs.Count > 0)
        {
            var orphan = downs.Values.OrderBy(f => f.Name, StringComparer.Ordinal).First();
            throw new MigrationSourceException(orphan.Path, "is a down file with no .up.sql of the same version next to it", "rename it after the migration it undoes, or remove it");
        }

        return MigrationSetBuilder.Build(format, tree.Location, entries, [], cancellationToken);
    }

    [GeneratedRegex(@"^(?<version>\d+)_(?<title>.*)\.(?<dir>up|down)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileRegex();
}
