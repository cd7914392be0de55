namespace Tidemark.Reconciliation;

/// <summary>The schema was changed outside the migrations (drift) and the policy is to refuse; nothing was applied.</summary>
public sealed class DriftDetectedException : TidemarkException
{
    public DriftDetectedException(DriftReport report)
        : base(AdoptionRefusedException.Render(report.Summary, report.Differences),
            "Put the change into a migration (or revert it by hand), or run with --drift warn to apply the pending migrations anyway.")
    {
        Report = report;
    }

    public DriftDetectedException()
    {
        Report = new DriftReport("", "", "", "", []);
    }

    public DriftDetectedException(string message)
        : base(message)
    {
        Report = new DriftReport(message, "", "", "", []);
    }

    public DriftDetectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Report = new DriftReport(message, "", "", "", []);
    }

    public DriftReport Report { get; }
}
