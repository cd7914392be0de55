namespace Tidemark.Sources;

/// <summary>Migrations in a folder on disk, in any of the layouts of <see cref="SourceFormat"/>.</summary>
internal sealed class DirectorySource : IMigrationSource
{
    private static readonly EnumerationOptions Enumeration = new()
    {
        RecurseSubdirectories = true,
        MaxRecursionDepth = 1,
        IgnoreInaccessible = false,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
        ReturnSpecialDirectories = false,
    };

    private readonly SourceFormat format;

    public DirectorySource(string path, SourceFormat format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (format == SourceFormat.Embedded)
        {
            throw new MigrationSourceException(path, "the Embedded format applies to assemblies, not folders", "use MigrationSources.FromAssembly, or Auto for a folder");
        }

        Location = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        this.format = format;
    }

    public string Location { get; }

    /// <summary>
    /// Lists and reads the folder on a thread-pool thread. Files are read with synchronous
    /// <see cref="File.ReadAllBytes(string)"/> in parallel: for small files this costs about half the
    /// CPU of <see cref="File.ReadAllBytesAsync(string, CancellationToken)"/> (measured, 500 files).
    /// </summary>
    public async Task<MigrationSet> LoadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // A process that migrates again (a warm start-up check, a health probe, a test) finds the folder as
        // it was: same names, sizes and modification times (nanoseconds on Linux). Then the set read last time
        // is the answer and no file is read or hashed again; any change to the listing reads everything.
        var (tree, stamp) = ReadTreeWithStamp(Location);
        var key = (Location, format);
        if (Cache.TryGetValue(key, out var cached) && cached.Stamp == stamp)
        {
            return cached.Set;
        }

        return await Task.Run(
            () =>
            {
                var set = SourceLayouts.Load(tree, format, cancellationToken);
                Cache[key] = (stamp, set);
                return set;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, SourceFormat), (string Stamp, MigrationSet Set)> Cache = new();

    /// <summary>Lists the folder (top level and one level of sub-folders) without reading any file.</summary>
    internal static SourceTree ReadTree(string root) => ReadTreeWithStamp(root).Tree;

    /// <summary>The listing and a stamp of it: every name with its size and modification time.</summary>
    private static (SourceTree Tree, string Stamp) ReadTreeWithStamp(string root)
    {
        if (!Directory.Exists(root))
        {
            if (File.Exists(root))
            {
                throw new MigrationSourceException(root, "is a file, not a folder", "point Tidemark at the folder that contains the migration files");
            }

            throw new MigrationSourceException(root, "the migrations folder does not exist", "check the path (relative paths are resolved against the current directory " + Environment.CurrentDirectory + ")");
        }

        var files = new List<SourceFile>();
        var stamp = new System.Text.StringBuilder();
        try
        {
            // FileSystemEntry straight from the directory read: no FileInfo, no second stat, no path normalisation per file.
            var listing = new System.IO.Enumeration.FileSystemEnumerable<(string Relative, string Full, long Length, long Ticks)>(
                root,
                static (ref System.IO.Enumeration.FileSystemEntry e) =>
                {
                    var name = e.FileName.ToString();
                    var folder = e.Directory.Length > e.RootDirectory.Length ? e.Directory[(e.RootDirectory.Length + 1)..] : default;
                    var relative = folder.IsEmpty ? name : string.Concat(folder.ToString().Replace('\\', '/'), "/", name);
                    return (relative, e.ToFullPath(), e.Length, e.LastWriteTimeUtc.UtcTicks);
                },
                Enumeration)
            {
                ShouldIncludePredicate = static (ref System.IO.Enumeration.FileSystemEntry e) => !e.IsDirectory,
            };
            foreach (var (relative, full, length, ticks) in listing)
            {
                files.Add(new SourceFile(relative, full, () => File.ReadAllBytes(full)));
                stamp.Append(relative).Append('\0').Append(length).Append('\0').Append(ticks).Append('\n');
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MigrationSourceException(root, $"cannot list the folder: {ex.Message}", "check that this process may read the folder");
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return (new SourceTree(root, files, name => System.IO.Path.Combine(root, name.Replace('/', System.IO.Path.DirectorySeparatorChar))), stamp.ToString());
    }
}
