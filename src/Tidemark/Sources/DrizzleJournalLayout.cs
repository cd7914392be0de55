using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tidemark.Sources;

/// <summary>
/// drizzle-kit v0: <c>meta/_journal.json</c> lists the migrations in apply order; each entry's
/// <c>tag</c> names <c>&lt;tag&gt;.sql</c> (and optionally <c>&lt;tag&gt;.down.sql</c>) next to <c>meta/</c>.
/// </summary>
internal static partial class DrizzleJournalLayout
{
    public static MigrationSet Load(SourceTree tree, CancellationToken cancellationToken)
    {
        var journalFile = tree.Find(SourceLayouts.JournalName)!;
        var journal = Parse(journalFile.Path, SourceFileReader.ReadBytes(journalFile));

        var entries = new List<MigrationEntry>(journal.Entries!.Count);
        var tags = new HashSet<string>(StringComparer.Ordinal);
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < journal.Entries.Count; i++)
        {
            var item = journal.Entries[i];
            var tag = item.Tag;
            if (string.IsNullOrWhiteSpace(tag) || tag.Contains('/', StringComparison.Ordinal) || tag.Contains('\\', StringComparison.Ordinal) || tag.StartsWith('.'))
            {
                throw new MigrationSourceException(
                    journalFile.Path,
                    $"entry {i} (idx {item.Idx}) has {(string.IsNullOrWhiteSpace(tag) ? "no \"tag\"" : $"the invalid tag \"{tag}\"")}",
                    "restore meta/_journal.json from version control or regenerate it with drizzle-kit");
            }

            if (!tags.Add(tag))
            {
                throw new MigrationSourceException(journalFile.Path, $"the tag \"{tag}\" appears twice", "remove the duplicate entry (a merge conflict?)");
            }

            var file = tree.Find(tag + ".sql") ?? throw new MigrationSourceException(
                tree.PathOf(tag + ".sql"),
                $"listed in meta/_journal.json (entry {i}) but the file does not exist",
                "restore the file from version control, or remove the entry with `drizzle-kit drop`");

            var match = TagRegex().Match(tag);
            var (version, name) = match.Success
                ? (match.Groups["version"].Value, match.Groups["name"].Value)
                : (i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), tag);
            if (versions.TryGetValue(version, out var other))
            {
                throw new MigrationSourceException(
                    file.Path,
                    $"has the same version {version} as {other}",
                    "two branches probably generated a migration each: keep one, then regenerate the other with drizzle-kit");
            }

            versions[version] = file.Path;
            entries.Add(new MigrationEntry(version, name, MigrationKind.Versioned, file)
            {
                Down = tree.Find(tag + ".down.sql"),
                DrizzleCreatedAt = item.When,
                DrizzleName = tag,
            });
        }

        foreach (var file in tree.TopLevel)
        {
            var fileName = file.Name;
            if (!fileName.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var tag = fileName.EndsWith(".down.sql", StringComparison.OrdinalIgnoreCase) ? fileName[..^".down.sql".Length] : fileName[..^".sql".Length];
            if (!tags.Contains(tag))
            {
                throw new MigrationSourceException(
                    file.Path,
                    "not in meta/_journal.json, so drizzle would never apply it",
                    "add it with drizzle-kit or remove it (`drizzle-kit generate --custom` makes a journaled file for hand-written SQL)");
            }
        }

        return MigrationSetBuilder.Build(SourceFormat.DrizzleJournal, tree.Location, entries, [], cancellationToken);
    }

    internal static DrizzleJournal Parse(string path, byte[] bytes)
    {
        DrizzleJournal? journal;
        try
        {
            journal = JsonSerializer.Deserialize(bytes, DrizzleJournalJsonContext.Default.DrizzleJournal);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}" : string.Empty;
            var detail = ex.Message.Split(" Path:", 2)[0];
            throw new MigrationSourceException(
                path,
                $"is not a valid drizzle journal{where}: {detail}",
                "fix the JSON (a merge conflict marker?) or restore meta/_journal.json from version control");
        }

        if (journal?.Entries is null)
        {
            throw new MigrationSourceException(path, "has no \"entries\" array", "restore meta/_journal.json from version control or regenerate it with drizzle-kit");
        }

        if (journal.Dialect is { } dialect && !IsPostgres(dialect))
        {
            throw new MigrationSourceException(
                path,
                $"is a journal for the \"{dialect}\" dialect; Tidemark applies PostgreSQL migrations only",
                "point Tidemark at the PostgreSQL migrations folder (drizzle.config dialect: \"postgresql\")");
        }

        return journal;
    }

    private static bool IsPostgres(string dialect) =>
        dialect.Equals("postgresql", StringComparison.OrdinalIgnoreCase)
        || dialect.Equals("pg", StringComparison.OrdinalIgnoreCase)
        || dialect.Equals("postgres", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^(?<version>\d+)(?:_(?<name>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex TagRegex();
}
