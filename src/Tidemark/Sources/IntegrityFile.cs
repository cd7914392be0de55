using System.Globalization;
using System.Text;
using Tidemark.Text;

namespace Tidemark.Sources;

/// <summary>
/// <c>tidemark.sum</c>, committed next to the migrations: for each migration its file checksum and the schema
/// fingerprint after it (learned by replaying the migrations in a shadow database with <c>tidemark hash</c>), plus the
/// fingerprint of the empty schema. With it, production start-up can adopt an existing database and check drift
/// without a shadow database.
/// <code>
/// tidemark.sum 1 postgres 15
/// empty 3f2a…
/// 0000 9b1c…(sha-256 of the file) 77de…(fingerprint after 0000)
/// </code>
/// </summary>
internal sealed record IntegrityFile(int PostgresMajor, string EmptyFingerprint, IReadOnlyList<IntegrityEntry> Entries)
{
    public const string FileName = "tidemark.sum";
    public const int FormatVersion = 1;
    private const string Magic = "tidemark.sum";

    /// <summary>The file's path for a folder source; null for embedded migrations.</summary>
    public static string? PathFor(MigrationSet source) =>
        System.IO.Directory.Exists(source.Location) ? System.IO.Path.Combine(source.Location, FileName) : null;

    /// <summary>
    /// The folder's file, or null when there is none or when <paramref name="tenantSchema"/> is set: the file's
    /// fingerprints are of the migrations run in the default schema, and a tenant's objects carry its schema's name,
    /// so for a tenant it would say neither what adoption should find nor what drift is.
    /// </summary>
    public static async Task<IntegrityFile?> TryReadAsync(MigrationSet source, string? tenantSchema, CancellationToken ct)
    {
        var path = PathFor(source);
        if (tenantSchema is not null || path is null || !File.Exists(path))
        {
            return null;
        }

        return Parse(await File.ReadAllTextAsync(path, ct).ConfigureAwait(false), path);
    }

    public static IntegrityFile Parse(string text, string path)
    {
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith('#')).ToArray();
        var header = lines.Length > 0 ? lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (header.Length != 4 || header[0] != Magic || header[2] != "postgres"
            || !int.TryParse(header[1], CultureInfo.InvariantCulture, out var format)
            || !int.TryParse(header[3], CultureInfo.InvariantCulture, out var major))
        {
            throw Bad(path, "the first line is not `tidemark.sum <format> postgres <major>`");
        }

        if (format != FormatVersion)
        {
            throw Bad(path, $"it has format {format}; this Tidemark reads format {FormatVersion}");
        }

        string? empty = null;
        var entries = new List<IntegrityEntry>();
        foreach (var line in lines.Skip(1))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] == "empty")
            {
                empty = parts[1];
            }
            else if (parts.Length == 3)
            {
                entries.Add(new IntegrityEntry(parts[0], parts[1], parts[2]));
            }
            else
            {
                throw Bad(path, $"cannot read the line `{line}`");
            }
        }

        return new IntegrityFile(major, empty ?? throw Bad(path, "the `empty` line is missing"), entries);
    }

    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Magic} {FormatVersion} postgres {PostgresMajor}\n");
        sb.Append("# Written by `tidemark hash`: per migration, the file's SHA-256 and the schema fingerprint after it.\n");
        sb.Append("# Commit it with the migrations; `tidemark migrate` uses it to adopt existing databases and detect drift.\n");
        sb.Append("empty ").Append(EmptyFingerprint).Append('\n');
        foreach (var e in Entries)
        {
            sb.Append(e.Version).Append(' ').Append(e.Checksum).Append(' ').Append(e.Fingerprint).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>
    /// Compares the file with the migrations: the fingerprint after migration k is valid when the first k
    /// entries match the first k migrations (version and checksum), whatever follows.
    /// </summary>
    public IntegrityCheck Check(MigrationSet source, int serverMajor)
    {
        if (serverMajor != PostgresMajor)
        {
            return new IntegrityCheck(this, -1, $"{FileName} was made with PostgreSQL {PostgresMajor} but the server is PostgreSQL {serverMajor}");
        }

        var usable = 0;
        while (usable < Entries.Count && usable < source.Versioned.Count
               && Entries[usable].Version == source.Versioned[usable].Version
               && Entries[usable].Checksum == source.Versioned[usable].Checksum)
        {
            usable++;
        }

        string? stale = null;
        if (usable < source.Versioned.Count)
        {
            var m = source.Versioned[usable];
            stale = usable < Entries.Count
                ? $"{FileName} is stale: {m.Path} changed or was inserted since it was written"
                : $"{FileName} is stale: {Words.Count(source.Versioned.Count - usable, "migration")} from {m.Version} on {(source.Versioned.Count - usable == 1 ? "was" : "were")} added since it was written";
        }
        else if (usable < Entries.Count)
        {
            stale = $"{FileName} is stale: it lists {Entries.Count} migrations, the folder has {source.Versioned.Count}";
        }

        return new IntegrityCheck(this, usable, stale);
    }

    private static TidemarkException Bad(string path, string why) =>
        new($"{path} cannot be read: {why}.", "Write it again with `tidemark hash`.");
}

/// <summary>One line of <c>tidemark.sum</c>.</summary>
internal sealed record IntegrityEntry(string Version, string Checksum, string Fingerprint);

/// <summary>How far an integrity file can be trusted for the migrations at hand (<see cref="UsablePrefix"/> -1: not at all).</summary>
internal sealed record IntegrityCheck(IntegrityFile File, int UsablePrefix, string? Problem)
{
    public bool IsCurrent => Problem is null;

    /// <summary>The fingerprint after the first <paramref name="count"/> migrations (0 = empty schema), or null when not covered.</summary>
    public string? FingerprintAfter(int count) =>
        UsablePrefix < 0 ? null : count == 0 ? File.EmptyFingerprint : count <= UsablePrefix ? File.Entries[count - 1].Fingerprint : null;
}
