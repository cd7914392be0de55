namespace Tidemark.Sources;

/// <summary>
/// The files of one source (a folder, or an assembly's resources under a prefix), named relative
/// to its root with '/' separators, so every layout reads folders and resources the same way.
/// </summary>
internal sealed class SourceTree
{
    private readonly Dictionary<string, SourceFile> byName;
    private readonly Func<string, string> pathOf;

    public SourceTree(string location, IReadOnlyList<SourceFile> files, Func<string, string> pathOf)
    {
        Location = location;
        Files = files;
        this.pathOf = pathOf;
        byName = new Dictionary<string, SourceFile>(files.Count, StringComparer.Ordinal);
        foreach (var file in files)
        {
            byName[file.Name] = file;
        }
    }

    /// <summary>The folder path or assembly/prefix, for messages.</summary>
    public string Location { get; }

    public IReadOnlyList<SourceFile> Files { get; }

    public SourceFile? Find(string name) => byName.GetValueOrDefault(name);

    /// <summary>The display path a file would have, whether or not it exists.</summary>
    public string PathOf(string name) => pathOf(name);

    /// <summary>Files directly at the root (no '/').</summary>
    public IEnumerable<SourceFile> TopLevel => Files.Where(f => !f.Name.Contains('/', StringComparison.Ordinal));

    /// <summary>The files under <paramref name="folder"/>, named relative to it (e.g. <c>migrations/</c> of a <c>supabase/</c> folder).</summary>
    public SourceTree Sub(string folder)
    {
        var prefix = folder + "/";
        var files = Files
            .Where(f => f.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(f => new SourceFile(f.Name[prefix.Length..], f.Path, f.ReadBytes))
            .ToList();
        return new SourceTree(pathOf(folder), files, name => pathOf(prefix + name));
    }
}

/// <summary>A migration found by a layout, before its files are read.</summary>
internal sealed record MigrationEntry(string Version, string Name, MigrationKind Kind, SourceFile File)
{
    public SourceFile? Down { get; init; }

    public long? DrizzleCreatedAt { get; init; }

    public string? DrizzleName { get; init; }

    /// <summary>The tool's own marker says the migration runs outside a transaction (diesel <c>metadata.toml</c>, sqlx <c>-- no-transaction</c>).</summary>
    public bool NoTransaction { get; init; }

    /// <summary>Up and down are sections of one file (dbmate, goose); <see cref="SectionStyle.None"/> for a whole file.</summary>
    public SectionStyle Sections { get; init; }
}
