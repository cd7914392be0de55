using System.Text.RegularExpressions;

namespace Tidemark.Sources;

/// <summary>
/// dbmate (<c>&lt;version&gt;_name.sql</c> with <c>-- migrate:up</c> / <c>-- migrate:down</c>) and goose
/// (<c>&lt;version&gt;_name.sql</c> with <c>-- +goose Up</c> / <c>-- +goose Down</c>): one file per migration
/// holding both directions, in numeric version order (see <see cref="SectionedSql"/>). goose's Go
/// migrations (<c>.go</c>) cannot run outside a Go program and are refused by name.
/// </summary>
internal static partial class SectionedFilesLayout
{
    /// <summary>Which marker style the first numbered .sql file uses (dbmate, goose, both, or none).</summary>
    public static (bool Dbmate, bool Goose) Markers(SourceTree tree)
    {
        var first = tree.TopLevel.FirstOrDefault(f => FileRegex().IsMatch(f.Name));
        if (first is null)
        {
            return (false, false);
        }

        var text = SourceFileReader.Read(first).Text;
        return (DbmateMarker().IsMatch(text), GooseMarker().IsMatch(text));
    }

    public static MigrationSet Load(SourceTree tree, SourceFormat format, CancellationToken cancellationToken)
    {
        var style = format == SourceFormat.Goose ? SectionStyle.Goose : SectionStyle.Dbmate;
        var ups = new List<(VersionNumber Key, MigrationEntry Entry)>();
        foreach (var file in tree.TopLevel)
        {
            if (format == SourceFormat.Goose && GoMigrationRegex().IsMatch(file.Name))
            {
                throw new MigrationSourceException(file.Path, "is a goose Go migration, which only a Go program can run", "rewrite it as a .sql migration, or run this folder with goose");
            }

            if (!file.Name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var match = FileRegex().Match(file.Name);
            if (!match.Success)
            {
                throw new MigrationSourceException(
                    file.Path,
                    "does not start with a version number (<version>_<name>.sql), so its place in the order is unknown",
                    "rename it with a version (for example 20240101120000_add_users.sql) or move it out of the migrations folder");
            }

            var version = match.Groups["version"].Value;
            ups.Add((VersionNumber.Parse(version), new MigrationEntry(version, match.Groups["name"].Value, MigrationKind.Versioned, file) { Sections = style }));
        }

        ups.Sort((a, b) => a.Key.CompareTo(b.Key));
        for (var i = 1; i < ups.Count; i++)
        {
            if (ups[i].Key.CompareTo(ups[i - 1].Key) == 0)
            {
                throw new MigrationSourceException(ups[i].Entry.File.Path, $"has the same version ({ups[i].Entry.Version}) as {ups[i - 1].Entry.File.Path}", "renumber one of the two files so each version appears once");
            }
        }

        return MigrationSetBuilder.Build(format, tree.Location, [.. ups.Select(u => u.Entry)], [], cancellationToken);
    }

    [GeneratedRegex(@"^(?<version>\d+)(?:_(?<name>.*))?\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileRegex();

    [GeneratedRegex(@"^\d+_.*\.go$", RegexOptions.CultureInvariant)]
    private static partial Regex GoMigrationRegex();

    [GeneratedRegex(@"^\s*--\s*migrate:up\b", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DbmateMarker();

    [GeneratedRegex(@"^\s*--\s*\+goose\s+up\b", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GooseMarker();
}
