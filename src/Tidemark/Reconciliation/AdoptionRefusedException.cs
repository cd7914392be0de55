using System.Text;

namespace Tidemark.Reconciliation;

/// <summary>
/// The database holds objects but matches no prefix of the migrations, so nothing can be adopted safely;
/// nothing was changed. <see cref="Differences"/> lists what separates it from the closest prefix.
/// </summary>
public sealed class AdoptionRefusedException : TidemarkException
{
    /// <summary>Refused with <paramref name="summary"/>; <paramref name="differences"/> separate the database from the closest prefix.</summary>
    /// <param name="summary">What was found, in one sentence.</param>
    /// <param name="closestVersion">The migration whose schema is closest to the database's, if any.</param>
    /// <param name="differences">Each difference, at object and attribute level.</param>
    /// <param name="nextStep">What to do about it.</param>
    public AdoptionRefusedException(string summary, string? closestVersion, IReadOnlyList<string> differences, string nextStep)
        : base(Render(summary, differences), nextStep)
    {
        ClosestVersion = closestVersion;
        Differences = differences;
    }

    /// <inheritdoc/>
    public AdoptionRefusedException()
    {
        Differences = [];
    }

    /// <inheritdoc/>
    public AdoptionRefusedException(string message)
        : base(message)
    {
        Differences = [];
    }

    /// <inheritdoc/>
    public AdoptionRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Differences = [];
    }

    /// <summary>The version after which the schema is closest to the database (null: the empty schema, or unknown).</summary>
    public string? ClosestVersion { get; }

    /// <summary>Object- and attribute-level differences between the database and the closest prefix.</summary>
    public IReadOnlyList<string> Differences { get; }

    internal static string Render(string summary, IReadOnlyList<string> differences)
    {
        var sb = new StringBuilder(summary);
        foreach (var d in differences.Take(50))
        {
            sb.AppendLine().Append("  - ").Append(d);
        }

        if (differences.Count > 50)
        {
            sb.AppendLine().Append("  … and ").Append(differences.Count - 50).Append(" more");
        }

        return sb.ToString();
    }
}
