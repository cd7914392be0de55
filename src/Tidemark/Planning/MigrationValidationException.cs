using System.Text;

namespace Tidemark.Planning;

/// <summary>The migrations and the history disagree (edited, missing or out-of-order files); nothing was run.</summary>
public sealed class MigrationValidationException : TidemarkException
{
    /// <summary>Refused because of <paramref name="problems"/>.</summary>
    /// <param name="problems">Each problem, naming the migration and its file.</param>
    public MigrationValidationException(IReadOnlyList<ValidationProblem> problems)
        : base(Render(problems), problems.Count > 0 ? problems[0].NextStep : null)
    {
        Problems = problems;
    }

    /// <summary>Each problem, naming the migration and its file.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    private static string Render(IReadOnlyList<ValidationProblem> problems)
    {
        var sb = new StringBuilder();
        sb.Append(problems.Count == 1 ? "1 problem" : $"{problems.Count} problems").Append(" stop the migration; nothing was applied:");
        foreach (var p in problems)
        {
            sb.AppendLine().Append("  - ").Append(p.Message).AppendLine().Append("    next: ").Append(p.NextStep);
        }

        return sb.ToString();
    }
}
