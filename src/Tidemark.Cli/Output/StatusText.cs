using System.Globalization;
using Tidemark.Text;

namespace Tidemark.Cli.Output;

/// <summary>The human form of <c>tidemark status</c>.</summary>
internal static class StatusText
{
    /// <summary>Audit events shown under the migrations; <c>--json</c> has up to 50.</summary>
    private const int RecentEvents = 5;

    /// <summary>"applied", "applied (drizzle history)", "adopted", "half-applied", "pending", …</summary>
    public static string StateText(MigrationState m) => m.State switch
    {
        MigrationStateKind.HalfApplied => "half-applied",
        MigrationStateKind.OutOfOrder => "out-of-order",
        MigrationStateKind.Applied when m.Source is { } s => $"applied ({ShortSource(s)})",
        _ => m.State.ToString().ToLowerInvariant(),
    };

    /// <summary>"drizzle.__drizzle_migrations (drizzle history)" → "drizzle history"; a hand-made table keeps its name.</summary>
    private static string ShortSource(string s)
    {
        var open = s.LastIndexOf(" (", StringComparison.Ordinal);
        if (open < 0 || !s.EndsWith(')'))
        {
            return s;
        }

        var kind = s[(open + 2)..^1];
        return kind.StartsWith("hand-made", StringComparison.Ordinal) ? $"{s[..open]}, hand-made history" : kind;
    }

    public static void Write(Terminal t, MigrationStatus status)
    {
        var o = t.Out;
        o.WriteLine($"Database: {status.Database}");
        o.WriteLine($"Source:   {status.Source}");
        o.WriteLine($"History:  {status.HistoryTable}{(status.HistoryExists ? "" : " (not created yet)")}");
        if (status.Reconciliation is { } r)
        {
            // A reason that introduces a list ("… (drift):") stands alone here: the differences follow under "drift:".
            o.WriteLine($"Found:    {r.Reason.TrimEnd(':')}");
        }

        o.WriteLine($"Version:  {status.CurrentVersion ?? "none"}");
        o.WriteLine();
        var width = Math.Max(7, status.Migrations.Select(m => m.Version.Length).DefaultIfEmpty(0).Max());
        var stateWidth = Math.Max(12, status.Migrations.Select(m => StateText(m).Length).DefaultIfEmpty(0).Max());
        o.WriteLine($"  {"VERSION".PadRight(width)}  {"STATE".PadRight(stateWidth)}  {"APPLIED",-16}  NAME");
        foreach (var m in status.Migrations)
        {
            var state = StateText(m);
            var painted = m.State switch
            {
                MigrationStateKind.Applied or MigrationStateKind.Adopted => t.Green(state.PadRight(stateWidth)),
                MigrationStateKind.Pending or MigrationStateKind.HalfApplied => t.Yellow(state.PadRight(stateWidth)),
                _ => t.Red(state.PadRight(stateWidth)),
            };
            var applied = m.AppliedAt?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";
            o.WriteLine($"  {m.Version.PadRight(width)}  {painted}  {applied,-16}  {m.Name}");
            if (m.Detail is not null && m.State is not MigrationStateKind.Applied)
            {
                o.WriteLine($"  {new string(' ', width)}  {t.Dim(m.Detail)}");
            }
        }

        if (status.Reconciliation is { Case: Tidemark.Reconciliation.ReconciliationCase.HalfAppliedNext } half)
        {
            o.WriteLine();
            o.WriteLine($"{half.HalfAppliedPath} is half-applied; migrate completes it statement by statement:");
            foreach (var s in half.Statements)
            {
                o.WriteLine("  " + s);
            }
        }

        if (status.Reconciliation is { Case: Tidemark.Reconciliation.ReconciliationCase.Contradiction } c)
        {
            foreach (var d in c.Differences)
            {
                o.WriteLine("  - " + d);
            }
        }

        o.WriteLine();
        o.WriteLine($"{status.AppliedCount} applied, {status.PendingCount} pending, {Words.Count(status.Problems.Count, "problem")}.");
        if (status.LastFailure is { } f)
        {
            o.WriteLine($"{t.Red("last failure:")} {f.At.ToUniversalTime():yyyy-MM-dd HH:mm:ss} by {f.By} on {f.Host}: migration {f.Version} {f.Name}: {f.Message}");
        }

        // Audit events are history, not the current state: their own section, dated, newest first.
        var events = status.Events.Where(e => e.Kind != "failure").Take(RecentEvents).ToList();
        if (events.Count > 0)
        {
            o.WriteLine();
            o.WriteLine($"Recent events (audit trail, newest first; UTC):");
            foreach (var e in events)
            {
                o.WriteLine($"  {e.At.ToUniversalTime():yyyy-MM-dd HH:mm:ss}  {e.Kind,-8}  {e.Message} {t.Dim($"(by {e.By})")}");
            }
        }

        foreach (var p in status.Problems)
        {
            o.WriteLine($"{t.Red("problem:")} {p.Message}");
            o.WriteLine($"  next: {Words.Sentence(p.NextStep)}");
        }
    }
}
