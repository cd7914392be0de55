namespace Tidemark.Sources;

/// <summary>A migration folder or file is not usable; the message names the path and what is wrong.</summary>
public sealed class MigrationSourceException : TidemarkException
{
    /// <summary>The folder or file <paramref name="path"/> is not usable because of <paramref name="problem"/>.</summary>
    /// <param name="path">The folder or file.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="nextStep">What to do about it.</param>
    public MigrationSourceException(string path, string problem, string? nextStep = null)
        : base($"{path}: {problem}", nextStep)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The folder or file.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
