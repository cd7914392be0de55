using System.Reflection;

namespace Tidemark.Sources;

/// <summary>Creates migration sources; the layout is detected from the contents unless given.</summary>
internal static class MigrationSources
{
    /// <summary>A folder on disk: drizzle v0 journal, drizzle v1 folders, Flyway-style or plain numbered files.</summary>
    public static IMigrationSource FromDirectory(string path, SourceFormat format = SourceFormat.Auto) =>
        new DirectorySource(path, format);

    /// <summary>Resources embedded in <paramref name="assembly"/>, optionally only those whose name starts with <paramref name="resourcePrefix"/>.</summary>
    public static IMigrationSource FromAssembly(Assembly assembly, string? resourcePrefix = null, SourceFormat format = SourceFormat.Auto) =>
        new EmbeddedSource(assembly, resourcePrefix, format);

    /// <summary>The layout of the folder at <paramref name="path"/>; throws <see cref="MigrationSourceException"/> when it fits none.</summary>
    public static SourceFormat Detect(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var tree = DirectorySource.ReadTree(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        SourceLayouts.ThrowIfBothDrizzleLayouts(tree);
        var format = SourceLayouts.Detect(tree);
        return format != SourceFormat.Auto ? format : throw SourceLayouts.Undetectable(tree);
    }
}
