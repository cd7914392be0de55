using System.Globalization;
using Tidemark.Text;

namespace Tidemark.Cli.Output;

/// <summary>The human form of <c>tidemark status</c>.</summary>
internal static class StatusText
{
    /// <summary>Audit events shown under the migrations; <c>--json</c> has up to 50.</summary>
    private const int RecentEvents = 5;

    public static void Write(Terminal t, MigrationStatus status)
    {
        var o = t.Out;
        o.WriteLine($"Database: {status.Database}");
        o.WriteLine($"Source:   {status.Source}");
        o.WriteLine($"History:  {status.HistoryTable}{(status.HistoryExists ? "" : " (not created yet)")}");
        o.WriteLine($"Version:  {status.CurrentVersion ?? "none"}");
        o.WriteLine();
        var width = Math.Max(7, status.Migrations.Select(m => m.Version.Length).DefaultIfEmpty(0).Max());
        o.WriteLine($"  {"VERSION".PadRight(width)}  {"STATE",-11}  {"APPLIED",-16}  NAME");
        foreach (var m in status.Migrations)
        {
            var state = m.State.ToString().ToLowerInvariant();
            var painted = m.State switch
            {
                MigrationStateKind.Applied or MigrationStateKind.Adopted => t.Green(state.PadRight(11)),
                MigrationStateKind.Pending => t.Yellow(state.PadRight(11)),
                _ => t.Red(state.PadRight(11)),
            };
            var applied = m.AppliedAt?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";
            o.WriteLine($"  {m.Version.PadRight(width)}  {painted}  {applied,-16}  {m.Name}");
            if (m.Detail is not null && m.State is not MigrationStateKind.Applied)
            {
                o.WriteLine($"  {new string(' ', width)}  {t.Dim(m.Detail)}");
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
