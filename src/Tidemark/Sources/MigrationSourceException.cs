namespace Tidemark.Sources;

/// <summary>A migration folder or file is not usable; the message names the path and what is wrong.</summary>
public sealed class MigrationSourceException : TidemarkException
{
    public MigrationSourceException(string path, string problem, string? nextStep = null)
        : base($"{path}: {problem}", nextStep)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }

    public string Problem { get; }
}
