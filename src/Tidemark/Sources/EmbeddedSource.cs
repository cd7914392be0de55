using System.Reflection;
using System.Text.RegularExpressions;

namespace Tidemark.Sources;

/// <summary>
/// Migrations embedded in an assembly. Resource names use dots for folders
/// (<c>MyApp.Migrations.0001_init.sql</c>, <c>MyApp.Drizzle.meta._journal.json</c>); the part after
/// the prefix is mapped back to a folder-relative name so the folder layouts apply unchanged
/// (plain, Flyway-style, drizzle v0 journal, and drizzle v1 folders, which MSBuild names
/// <c>_20250101000000_name.migration.sql</c>). Without a prefix, the prefix is inferred from the
/// names that look like migrations; it must be the same for all of them.
/// </summary>
internal sealed partial class EmbeddedSource : IMigrationSource
{
    private readonly Assembly assembly;
    private readonly string? resourcePrefix;
    private readonly SourceFormat format;

    public EmbeddedSource(Assembly assembly, string? resourcePrefix, SourceFormat format)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        this.assembly = assembly;
        this.resourcePrefix = string.IsNullOrEmpty(resourcePrefix) || resourcePrefix.EndsWith('.') ? resourcePrefix : resourcePrefix + ".";
        this.format = format;
        Location = $"{assembly.GetName().Name}: embedded resources {(string.IsNullOrEmpty(this.resourcePrefix) ? string.Empty : this.resourcePrefix + "*")}".TrimEnd();
    }

    public string Location { get; }

    public Task<MigrationSet> LoadAsync(CancellationToken cancellationToken) =>
        Task.Run(() => Load(cancellationToken), cancellationToken);

    private MigrationSet Load(CancellationToken cancellationToken)
    {
        var names = assembly.GetManifestResourceNames();
        var prefix = resourcePrefix ?? InferPrefix(names, Location);
        var files = new List<SourceFile>();
        foreach (var resource in names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = ToRelativeName(resource[prefix.Length..]);
            files.Add(new SourceFile(name, resource, () => ReadResource(resource)));
        }

        var tree = new SourceTree(Location, files, name => prefix + name.Replace('/', '.'));
        return SourceLayouts.Load(tree, format, cancellationToken);
    }

    /// <summary>The shortest dotted prefix after which a resource name looks like a migration file.</summary>
    internal static string InferPrefix(IReadOnlyCollection<string> names, string location)
    {
        var prefixes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            for (var dot = -1; dot < name.Length; dot = name.IndexOf('.', dot + 1))
            {
                if (MigrationResourceRegex().IsMatch(name.AsSpan(dot + 1)))
                {
                    prefixes.Add(name[..(dot + 1)]);
                    break;
                }

                if (name.IndexOf('.', dot + 1) < 0)
                {
                    break;
                }
            }
        }

        return prefixes.Count switch
        {
            0 => throw new MigrationSourceException(
                location,
                "contains no migrations: no embedded resource is named like a migration (…0001_x.sql, …V1__x.sql, …meta._journal.json)",
                "add <EmbeddedResource Include=\"Migrations/**/*\" /> to the project file, or pass the resource prefix"),
            1 => prefixes.Min!,
            _ => throw new MigrationSourceException(
                location,
                "has migrations under several resource prefixes: " + string.Join(", ", prefixes),
                "pass the resource prefix of the folder to use, for example \"" + prefixes.Min + "\""),
        };
    }

    /// <summary>
    /// <c>meta._journal.json</c> → <c>meta/_journal.json</c>; <c>_20250101000000_x.migration.sql</c> →
    /// <c>20250101000000_x/migration.sql</c> (MSBuild prefixes '_' to folder names that start with a digit).
    /// <c>20250101000000_x.down.sql</c> without the '_' stays a file: it is the down file of a plain
    /// timestamp-numbered migration.
    /// </summary>
    internal static string ToRelativeName(string rest)
    {
        if (rest.StartsWith("meta.", StringComparison.Ordinal))
        {
            return "meta/" + rest["meta.".Length..];
        }

        var folder = DrizzleFolderResourceRegex().Match(rest);
        return folder.Success ? folder.Groups["folder"].Value + "/" + folder.Groups["file"].Value : rest;
    }

    private byte[] ReadResource(string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new MigrationSourceException(resource, "the embedded resource cannot be opened", "rebuild the assembly");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    [GeneratedRegex(@"^(?:meta\._journal\.json|_?\d{14}(?:_[^.]*)?\.(?:migration|down|migration\.down)\.sql|(?:[VU]\d+(?:[._]\d+)*__[^.]*|R__[^.]+|\d+(?:[_-][^.]*)?)(?:\.down)?\.sql)$", RegexOptions.CultureInvariant)]
    private static partial Regex MigrationResourceRegex();

    [GeneratedRegex(@"^(?:_(?<folder>\d{14}(?:_[^.]*)?)\.(?<file>migration\.sql|down\.sql|migration\.down\.sql|snapshot\.json)|(?<folder>\d{14}(?:_[^.]*)?)\.(?<file>migration\.sql|migration\.down\.sql|snapshot\.json))$", RegexOptions.CultureInvariant)]
    private static partial Regex DrizzleFolderResourceRegex();
}
