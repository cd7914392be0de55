namespace Tidemark.Shadow;

/// <summary>Where migrations may be replayed to learn their effect.</summary>
public sealed record ShadowOptions
{
    /// <summary>An explicit shadow database (URL or Npgsql connection string). Its schemas are emptied before use.</summary>
    public string? Url { get; init; }

    /// <summary>Create a temporary database on the target server (needs CREATEDB), dropped afterwards.</summary>
    public bool AllowTemporaryDatabase { get; init; } = true;

    /// <summary>Start a throwaway local cluster when PostgreSQL server binaries are installed (development).</summary>
    public bool AllowLocalCluster { get; init; } = true;
}
