using System.Text.RegularExpressions;

namespace Tidemark.Sources;

/// <summary>
/// Flyway-style folder: <c>V&lt;version&gt;__&lt;description&gt;.sql</c> (versions like <c>1</c>, <c>1.2</c>,
/// <c>1_2</c>, compared numerically part by part), repeatable <c>R__&lt;description&gt;.sql</c> (ordered by
/// description, Version "R"), and undo <c>U&lt;version&gt;__&lt;description&gt;.sql</c> attached as down SQL to
/// the V file with the same version. Underscores in descriptions become spaces; versions are shown
/// with dots (<c>1_2</c> → <c>1.2</c>). Files that are not .sql are ignored; a .sql file that fits no
/// pattern is an error.
/// </summary>
internal static partial class FlywayLayout
{
    public const string RepeatableVersion = "R";

    public static MigrationSet Load(SourceTree tree, CancellationToken cancellationToken)
    {
        var versioned = new List<(VersionNumber Key, MigrationEntry Entry)>();
        var undo = new List<(VersionNumber Key, SourceFile File)>();
        var repeatable = new List<MigrationEntry>();
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
                    "does not match the Flyway-style names V<version>__<description>.sql, U<version>__<description>.sql or R__<description>.sql",
                    "rename it (for example V2__add_users.sql) or move it out of the migrations folder");
            }

            var description = match.Groups["description"].Value.Replace('_', ' ');
            var version = match.Groups["version"].Value;
            switch (match.Groups["prefix"].Value)
            {
                case "R":
                    repeatable.Add(new MigrationEntry(RepeatableVersion, description, MigrationKind.Repeatable, file));
                    break;
                case "U":
                    undo.Add((VersionNumber.Parse(version), file));
                    break;
                default:
                    versioned.Add((VersionNumber.Parse(version), new MigrationEntry(version.Replace('_', '.'), description, MigrationKind.Versioned, file)));
                    break;
            }
        }

        versioned.Sort((a, b) => a.Key.CompareTo(b.Key) is var c && c != 0 ? c : string.CompareOrdinal(a.Entry.File.Name, b.Entry.File.Name));
        for (var i = 1; i < versioned.Count; i++)
        {
            if (versioned[i].Key.CompareTo(versioned[i - 1].Key) == 0)
            {
                throw Duplicate(versioned[i - 1].Entry.File, versioned[i].Entry.File, $"the same version ({versioned[i - 1].Entry.Version} = {versioned[i].Entry.Version})");
            }
        }

        var entries = versioned.Select(v => v.Entry).ToList();
        foreach (var (key, file) in undo)
        {
            var index = versioned.FindIndex(v => v.Key.CompareTo(key) == 0);
            if (index < 0)
            {
                throw new MigrationSourceException(
                    file.Path,
                    "is an undo file with no V file of the same version",
                    "rename it to the version it undoes, or remove it");
            }

            if (entries[index].Down is { } existing)
            {
                throw Duplicate(existing, file, "undo files for the same version");
            }

            entries[index] = entries[index] with { Down = file };
        }

        repeatable.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < repeatable.Count; i++)
        {
            if (string.Equals(repeatable[i].Name, repeatable[i - 1].Name, StringComparison.Ordinal))
            {
                throw Duplicate(repeatable[i - 1].File, repeatable[i].File, "the same repeatable description");
            }
        }

        return MigrationSetBuilder.Build(SourceFormat.Flyway, tree.Location, entries, repeatable, cancellationToken);
    }

    private static MigrationSourceException Duplicate(SourceFile first, SourceFile second, string what) =>
        new(second.Path, $"has {what} as {first.Path}", "rename one of the two files so each version appears once");

    [GeneratedRegex(@"^(?:(?<prefix>[VU])(?<version>\d+(?:[._]\d+)*)__(?<description>.*)|(?<prefix>R)__(?<description>.+))\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileRegex();
}
