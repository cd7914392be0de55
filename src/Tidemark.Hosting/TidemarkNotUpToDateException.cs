using Tidemark.Planning;

namespace Tidemark.Hosting;

/// <summary>
/// <see cref="TidemarkMode.Validate"/> refused to start: migrations are pending, or applied ones
/// changed or went missing. The message names each of them.
/// </summary>
public sealed class TidemarkNotUpToDateException : TidemarkException
{
    /// <summary>Refused to start: <paramref name="message"/> names the pending and problem migrations.</summary>
    /// <param name="message">What is not up to date.</param>
    /// <param name="pendingVersions">Versions of the pending migrations, in apply order.</param>
    /// <param name="problems">Changed, missing or out-of-order migrations.</param>
    public TidemarkNotUpToDateException(string message, IReadOnlyList<string> pendingVersions, IReadOnlyList<ValidationProblem> problems)
        : base(message, "Apply the migrations first (tidemark migrate), or set Tidemark:Mode to Migrate to apply them at start-up.")
    {
        PendingVersions = pendingVersions;
        Problems = problems;
    }

    /// <summary>Versions of the pending migrations, in apply order.</summary>
    public IReadOnlyList<string> PendingVersions { get; }

    /// <summary>Changed, missing or out-of-order migrations.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }
}
