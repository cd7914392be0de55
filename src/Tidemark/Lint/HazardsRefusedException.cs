namespace Tidemark.Lint;

/// <summary>
/// <see cref="HazardPolicy.Refuse"/> stopped a run: a pending migration has an error-level lint
/// finding. Nothing was executed.
/// </summary>
public sealed class HazardsRefusedException : TidemarkException
{
    /// <summary>Creates the refusal listing the error-level findings.</summary>
    public HazardsRefusedException(IReadOnlyList<LintFinding> findings)
        : base(Describe(findings),
            "Apply the safe alternative each finding shows, silence a reviewed one with `-- tidemark:lint-ignore TMxxx reason` on the statement, or run with the hazard policy set to warn.")
    {
        Findings = findings;
    }

    /// <summary>The error-level findings that refused the run.</summary>
    public IReadOnlyList<LintFinding> Findings { get; }

    private static string Describe(IReadOnlyList<LintFinding> findings)
    {
        var errors = findings.Where(f => f.Severity == LintSeverity.Error).ToList();
        var lines = errors.Take(10).Select(f => $"  {f.File}:{f.Line}:{f.Column} {f.Code} {f.Message}");
        var more = errors.Count > 10 ? $"\n  … and {errors.Count - 10} more" : string.Empty;
        return $"Refused: {errors.Count} error-level lint finding{(errors.Count == 1 ? string.Empty : "s")} in the pending migrations (hazard policy: refuse):\n{string.Join('\n', lines)}{more}";
    }
}
