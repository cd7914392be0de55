using System.Text.RegularExpressions;

namespace Tidemark.Sources;

/// <summary>
/// A plain ordered folder: <c>NNNN_name.sql</c>, <c>NNNN-name.sql</c> or <c>NNNN.sql</c>, in natural
/// numeric order of the leading number (<c>2_x</c> before <c>10_x</c>); Version is the number as
/// written. <c>&lt;file&gt;.down.sql</c> is the down SQL of <c>&lt;file&gt;.sql</c>.
/// </summary>
internal static partial class PlainLayout
{
    public static MigrationSet Load(SourceTree tree, CancellationToken cancellationToken) => Load(tree, SourceFormat.Plain, cancellationToken);

    /// <summary>Also the reader of sqlx's simple <c>&lt;version&gt;_&lt;desc&gt;.sql</c> and Supabase CLI folders, which are named the same way.</summary>
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

            if (file.Name.EndsWith(".down.sql", StringComparison.OrdinalIgnoreCase))
            {
                downs[file.Name[..^".down.sql".Length]] = file;
                continue;
            }

            var match = FileRegex().Match(file.Name);
            if (!match.Success)
            {
                throw new MigrationSourceException(
                    file.Path,
                    "does not match NNNN_name.sql, NNNN-name.sql or NNNN.sql (a leading number, then '_' or '-'), so its place in the order is unknown",
                    "rename it with the next number (for example 0004_" + file.Name + ") or move it out of the migrations folder");
            }

            var number = match.Groups["number"].Value;
            ups.Add((VersionNumber.Parse(number), new MigrationEntry(number, match.Groups["name"].Value, MigrationKind.Versioned, file)
            {
                Sections = format == SourceFormat.Sqlx ? SectionStyle.Sqlx : SectionStyle.None,
            }));
        }

        ups.Sort((a, b) => a.Key.CompareTo(b.Key) is var c && c != 0 ? c : string.CompareOrdinal(a.Entry.File.Name, b.Entry.File.Name));
        var entries = new List<MigrationEntry>(ups.Count);
        for (var i = 0; i < ups.Count; i++)
        {
            var entry = ups[i].Entry;
            if (i > 0 && ups[i].Key.CompareTo(ups[i - 1].Key) == 0)
            {
                throw new MigrationSourceException(
                    entry.File.Path,
                    $"has the same version ({entry.Version}) as {ups[i - 1].Entry.File.Path}",
                    "renumber one of the two files so each number appears once");
            }

            var baseName = entry.File.Name[..^".sql".Length];
            if (downs.Remove(baseName, out var down))
            {
                entry = entry with { Down = down };
            }

            entries.Add(entry);
        }

        if (downs.Count > 0)
        {
            var orphan = downs.Values.OrderBy(f => f.Name, StringComparer.Ordinal).First();
            throw new MigrationSourceException(
                orphan.Path,
                $"is a down file with no {orphan.Name[..^".down.sql".Length]}.sql next to it",
                "rename it after the migration it undoes, or remove it");
        }

        return MigrationSetBuilder.Build(format, tree.Location, entries, [], cancellationToken);
    }

    [GeneratedRegex(@"^(?<number>\d+)(?:[_-](?<name>.*))?\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileRegex();
}
