using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tidemark.Sources;

/// <summary>
/// Writes the next migration file in a folder's own format (<c>tidemark new</c>). For drizzle
/// journal folders it also appends the journal entry and copies the latest snapshot (as
/// <c>drizzle-kit generate --custom</c> does), so drizzle-kit and drizzle's migrator still accept the folder.
/// </summary>
public static partial class MigrationScaffolder
{
    /// <summary>drizzle-kit's <c>--custom</c> template, and a line that tells this file from one drizzle-kit made (see <see cref="PreparedMigration.CheckEmpty"/>).</summary>
    private const string CustomHeader = PreparedMigration.DrizzleKitCustomTemplate + "\n" + PreparedMigration.NewTemplateMarker + ": `tidemark migrate` refuses this file until it has SQL.\n";

    /// <summary>
    /// Creates the next migration file in <paramref name="directory"/> (created when missing) and returns its path.
    /// An empty folder gets the plain layout (<c>0001_name.sql</c>).
    /// </summary>
    /// <param name="directory">The migrations folder.</param>
    /// <param name="name">The migration's name; turned into a lowercase slug (<c>Add users</c> → <c>add_users</c>).</param>
    /// <param name="format">The folder's layout; <see cref="SourceFormat.Auto"/> detects it.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <exception cref="TidemarkException">The name has no letters or digits, or the layout cannot have new files.</exception>
    public static Task<string> CreateAsync(string directory, string name, SourceFormat format = SourceFormat.Auto, CancellationToken cancellationToken = default)
        => CreateAsync(directory, name, format, DateTimeOffset.UtcNow, cancellationToken);

    /// <summary>
    /// Creates the file(s) and returns the path of the new SQL file; <paramref name="now"/> stamps drizzle entries.
    /// <paramref name="content"/> is the migration's SQL (<c>tidemark generate</c>); without it the file gets the empty template.
    /// </summary>
    internal static async Task<string> CreateAsync(string directory, string name, SourceFormat format, DateTimeOffset now, CancellationToken ct, string? content = null)
    {
        var slug = Slug(name);
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
        }

        if (format == SourceFormat.Auto)
        {
            format = Directory.EnumerateFileSystemEntries(directory).Any() ? MigrationSources.Detect(directory) : SourceFormat.Plain;
        }

        return format switch
        {
            SourceFormat.DrizzleJournal => await NewDrizzleJournalAsync(directory, slug, now, content ?? CustomHeader, ct).ConfigureAwait(false),
            SourceFormat.DrizzleFolders => await NewDrizzleFolderAsync(directory, slug, now, content ?? CustomHeader, ct).ConfigureAwait(false),
            SourceFormat.Flyway => await WriteNewAsync(Path.Combine(directory, $"V{NextFlywayVersion(directory)}__{slug}.sql"), content ?? "", ct).ConfigureAwait(false),
            SourceFormat.Plain => await WriteNewAsync(Path.Combine(directory, $"{NextPlainNumber(directory)}_{slug}.sql"), content ?? "", ct).ConfigureAwait(false),
            _ => throw new TidemarkException($"Cannot create a migration file for the {format} format.", "Use --dir with a folder of migration files."),
        };
    }

    private static string Slug(string name)
    {
        var slug = SlugRegex().Replace(name.Trim().ToLowerInvariant(), "_").Trim('_');
        if (slug.Length == 0)
        {
            throw new TidemarkException($"The migration name '{name}' has no letters or digits.", "Use a name such as add_orders.");
        }

        return slug;
    }

    /// <summary>Resolves <see cref="SourceFormat.Auto"/> the way <c>CreateAsync</c> does (an empty or missing folder is plain).</summary>
    internal static SourceFormat FormatOf(string directory, SourceFormat format) =>
        format != SourceFormat.Auto ? format
        : Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any() ? MigrationSources.Detect(directory) : SourceFormat.Plain;

    private static async Task<string> NewDrizzleJournalAsync(string directory, string slug, DateTimeOffset now, string content, CancellationToken ct)
    {
        var journalPath = Path.Combine(directory, "meta", "_journal.json");
        var journal = JsonNode.Parse(await File.ReadAllTextAsync(journalPath, ct).ConfigureAwait(false))?.AsObject()
            ?? throw new MigrationSourceException(journalPath, "is empty.");
        var entries = journal["entries"]?.AsArray() ?? throw new MigrationSourceException(journalPath, "has no \"entries\" array.");
        var idx = entries.Count;
        var last = entries.Count > 0 ? entries[^1]!.AsObject() : null;
        var tag = $"{idx:0000}_{slug}";
        var sqlPath = await WriteNewAsync(Path.Combine(directory, tag + ".sql"), content, ct).ConfigureAwait(false);

        // drizzle-kit diffs against the newest snapshot: give the new migration a copy with a new id.
        var lastSnapshot = Path.Combine(directory, "meta", $"{idx - 1:0000}_snapshot.json");
        if (idx > 0 && File.Exists(lastSnapshot))
        {
            var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(lastSnapshot, ct).ConfigureAwait(false))!.AsObject();
            var previousId = snapshot["id"]?.GetValue<string>();
            snapshot["id"] = Guid.NewGuid().ToString();
            snapshot["prevId"] = previousId;
            await File.WriteAllTextAsync(Path.Combine(directory, "meta", $"{idx:0000}_snapshot.json"), Serialize(snapshot), ct).ConfigureAwait(false);
        }

        entries.Add((JsonNode)new JsonObject
        {
            ["idx"] = idx,
            ["version"] = last?["version"]?.GetValue<string>() ?? journal["version"]?.GetValue<string>() ?? "7",
            ["when"] = now.ToUnixTimeMilliseconds(),
            ["tag"] = tag,
            ["breakpoints"] = last?["breakpoints"]?.GetValue<bool>() ?? true,
        });
        await File.WriteAllTextAsync(journalPath, Serialize(journal), ct).ConfigureAwait(false);
        return sqlPath;
    }

    private static async Task<string> NewDrizzleFolderAsync(string directory, string slug, DateTimeOffset now, string content, CancellationToken ct)
    {
        var folder = Path.Combine(directory, $"{now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}_{slug}");
        if (Directory.Exists(folder))
        {
            throw new MigrationSourceException(folder, "already exists.", "Wait a second and run again, or pick another name.");
        }

        var previous = Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal).LastOrDefault();
        string? previousId = null;
        if (previous is not null && File.Exists(Path.Combine(previous, "snapshot.json")))
        {
            previousId = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(previous, "snapshot.json"), ct).ConfigureAwait(false))?["id"]?.GetValue<string>();
        }

        Directory.CreateDirectory(folder);
        var snapshot = new JsonObject
        {
            ["type"] = "diff",
            ["version"] = "9",
            ["dialect"] = "postgres",
            ["id"] = Guid.NewGuid().ToString(),
            ["prevIds"] = new JsonArray(previousId ?? "00000000-0000-0000-0000-000000000000"),
            ["footprints"] = new JsonArray(),
            ["deltas"] = new JsonArray(),
        };
        await File.WriteAllTextAsync(Path.Combine(folder, "snapshot.json"), Serialize(snapshot), ct).ConfigureAwait(false);
        return await WriteNewAsync(Path.Combine(folder, "migration.sql"), content, ct).ConfigureAwait(false);
    }

    private static string NextFlywayVersion(string directory)
    {
        var max = Directory.EnumerateFiles(directory, "V*__*.sql")
            .Select(f => FlywayMajorRegex().Match(Path.GetFileName(f)))
            .Where(m => m.Success)
            .Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0).Max();
        return (max + 1).ToString(CultureInfo.InvariantCulture);
    }

    private static string NextPlainNumber(string directory)
    {
        var numbers = Directory.EnumerateFiles(directory, "*.sql")
            .Select(f => PlainNumberRegex().Match(Path.GetFileName(f)))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToList();
        var width = numbers.Count == 0 ? 4 : numbers.Max(n => n.Length);
        var next = numbers.Count == 0 ? 1 : numbers.Max(n => long.Parse(n, CultureInfo.InvariantCulture)) + 1;
        return next.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
    }

    private static async Task<string> WriteNewAsync(string path, string content, CancellationToken ct)
    {
        if (File.Exists(path))
        {
            throw new MigrationSourceException(path, "already exists.", "Pick another name.");
        }

        await File.WriteAllTextAsync(path, content, new UTF8Encoding(false), ct).ConfigureAwait(false);
        return path;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2 };

    private static string Serialize(JsonNode node) => node.ToJsonString(Indented);

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex SlugRegex();

    [GeneratedRegex(@"^V(\d+)")]
    private static partial Regex FlywayMajorRegex();

    [GeneratedRegex(@"^(\d+)")]
    private static partial Regex PlainNumberRegex();
}
