using System.CommandLine;
using Tidemark.Cli.Output;
using Tidemark.Text;

namespace Tidemark.Cli.Commands;

/// <summary><c>tidemark status</c> and <c>tidemark validate</c>: read-only views of where each migration stands.</summary>
internal static class StatusCommand
{
    public static Command Create(CommonOptions common) => Build(common, "status",
        "Show applied, pending, partial, changed and missing migrations (read-only: creates nothing, takes no lock)", failWhenNotUpToDate: false);

    public static Command CreateValidate(CommonOptions common) => Build(common, "validate",
        "Exit non-zero when anything is pending, edited, missing or out of order (read-only)", failWhenNotUpToDate: true);

    private static JsonEvent ToJson(Tidemark.History.HistoryEventRecord e) => new(e.At, e.By, e.Host, e.Kind, e.Version, e.Name, e.Message);

    private static Command Build(CommonOptions common, string name, string description, bool failWhenNotUpToDate)
    {
        var command = new Command(name, description);
        command.SetAction((result, ct) => CliRunner.RunAsync(common, result, async (terminal, json, ct2) =>
        {
            await using var dataSource = common.CreateDataSource(result);
            var migrator = new Migrator(dataSource, common.CreateMigratorOptions(result, null), CliRunner.Logger<Migrator>(result, common));
            var status = await migrator.StatusAsync(ct2);
            var ok = !failWhenNotUpToDate || status.IsUpToDate;
            if (json)
            {
                CliRunner.WriteJson(terminal, new JsonStatus(1, ok, status.Database, status.Source, status.HistoryTable, status.CurrentVersion,
                    status.AppliedCount, status.PendingCount,
                    [.. status.Migrations.Select(m => new JsonMigrationState(m.Version, m.Name, m.Kind, m.State == MigrationStateKind.HalfApplied ? "half_applied" : m.State.ToString().ToLowerInvariant(), m.Path, m.AppliedAt, m.AppliedBy, m.DurationMs, m.Detail) { Source = m.Source })],
                    [.. status.Problems.Select(ErrorReport.ToJson)], null)
                {
                    LastFailure = status.LastFailure is { } f ? ToJson(f) : null,
                    Events = [.. status.Events.Select(ToJson)],
                    Drift = status.Drift is { } d ? new JsonDrift(d.Version, d.ExpectedFingerprint, d.ActualFingerprint, d.Differences) : null,
                    Reconciliation = JsonReconciliation.From(status.Reconciliation),
                }, CliJsonContext.Default.JsonStatus);
            }
            else
            {
                StatusText.Write(terminal, status);
                if (status.Drift is { } drift)
                {
                    terminal.Out.WriteLine(terminal.Yellow("drift: ") + drift.Summary);
                    foreach (var d in drift.Differences)
                    {
                        terminal.Out.WriteLine("  - " + d);
                    }
                }
                if (failWhenNotUpToDate)
                {
                    terminal.Out.WriteLine(status.IsUpToDate ? terminal.Green("valid: ") + "up to date, every checksum matches." : terminal.Red("not valid: ") + $"{status.PendingCount} pending, {Words.Count(status.Problems.Count, "problem")}.");
                }
            }

            if (!failWhenNotUpToDate)
            {
                return ExitCodes.Ok;
            }

            return status.Problems.Count > 0 ? ExitCodes.ValidationFailed : status.PendingCount > 0 ? ExitCodes.ValidationFailed : ExitCodes.Ok;
        }, ct));
        return command;
    }
}
