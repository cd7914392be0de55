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
    public Task<MigrationSet> LoadAsync(CancellationToken cancellationToken) =>
        Task.Run(() => SourceLayouts.Load(ReadTree(Location), format, cancellationToken), cancellationToken);

    /// <summary>Lists the folder (top level and one level of sub-folders) without reading any file.</summary>
    internal static SourceTree ReadTree(string root)
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
        try
        {
            foreach (var full in Directory.EnumerateFiles(root, "*", Enumeration))
            {
                var relative = System.IO.Path.GetRelativePath(root, full).Replace('\\', '/');
                files.Add(new SourceFile(relative, full, () => File.ReadAllBytes(full)));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MigrationSourceException(root, $"cannot list the folder: {ex.Message}", "check that this process may read the folder");
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new SourceTree(root, files, name => System.IO.Path.Combine(root, name.Replace('/', System.IO.Path.DirectorySeparatorChar)));
    }
}
