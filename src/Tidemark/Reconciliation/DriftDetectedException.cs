namespace Tidemark.Reconciliation;

/// <summary>The schema was changed outside the migrations (drift) and the policy is to refuse; nothing was applied.</summary>
public sealed class DriftDetectedException : TidemarkException
{
    /// <summary>Refused because of the drift <paramref name="report"/> describes.</summary>
    /// <param name="report">The expected and actual fingerprints and the differences.</param>
    public DriftDetectedException(DriftReport report)
        : base(AdoptionRefusedException.Render(report.Summary, report.Differences),
            "Put the change into a migration (or revert it by hand), or run with --drift warn to apply the pending migrations anyway.")
    {
        Report = report;
    }

    /// <inheritdoc/>
    public DriftDetectedException()
    {
        Report = new DriftReport("", "", "", "", []);
    }

    /// <inheritdoc/>
    public DriftDetectedException(string message)
        : base(message)
    {
        Report = new DriftReport(message, "", "", "", []);
    }

    /// <inheritdoc/>
    public DriftDetectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Report = new DriftReport(message, "", "", "", []);
    }

    /// <summary>What was expected, what was found, and each difference.</summary>
    public DriftReport Report { get; }
}
