using Tidemark.Sources;

namespace Tidemark.Declarative;

/// <summary>How <see cref="DesiredState"/> reads a schema from a database, a migrations folder, a schema file or nothing.</summary>
public sealed record DesiredStateOptions
{
    /// <summary>A scratch database where folders and schema files are applied (emptied first). Default: none.</summary>
    public string? ShadowUrl { get; init; }

    /// <summary>
    /// A server (URL or connection string) on which a temporary shadow database may be created and dropped, e.g.
    /// the database on the other side of the comparison. Without it and without <see cref="ShadowUrl"/>, a
    /// throwaway local cluster is started when PostgreSQL's binaries are installed.
    /// </summary>
    public string? ShadowServerUrl { get; init; }

    /// <summary>Schema of Tidemark's history table: never part of the compared schema.</summary>
    public string HistorySchema { get; init; } = "tidemark";

    /// <summary>The layout of migrations folders, when detection should not decide.</summary>
    public SourceFormat Format { get; init; } = SourceFormat.Auto;

    /// <summary>Tables outside the comparison (<c>schema.table</c>, or <c>table</c> in public).</summary>
    public IReadOnlyList<string> IgnoredTables { get; init; } = [];
}

/// <summary>Where a schema came from.</summary>
public enum DesiredStateKind
{
    /// <summary><c>empty</c>: no objects at all.</summary>
    Empty,

    /// <summary>A live database, read from its catalog.</summary>
    Database,

    /// <summary>A migrations folder, replayed in a shadow database.</summary>
    Folder,

    /// <summary>A <c>.sql</c> file holding a schema, applied in a shadow database.</summary>
    SchemaFile,
}
