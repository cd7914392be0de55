using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tidemark.Cli.Output;
using Tidemark.Planning;
using Tidemark.Reconciliation;

namespace Tidemark.Cli.Commands;

/// <summary><c>tidemark migrate</c>: apply every pending migration.</summary>
internal static class MigrateCommand
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("migrate", "Apply every pending migration (each in its own transaction), under a lock that makes concurrent runs safe");
        command.SetAction((result, ct) => CliRunner.RunAsync(common, result, async (terminal, json, ct2) =>
        {
            var progress = new ProgressPrinter(terminal, enabled: !json);
            await using var dataSource = common.CreateDataSource(result);
            var migrator = new Migrator(dataSource, common.CreateMigratorOptions(result, progress.Report), CliRunner.Logger<Migrator>(result, common));
            try
            {
                var outcome = await migrator.MigrateAsync(ct2);
                if (json)
                {
                    CliRunner.WriteJson(terminal, new JsonMigrateResult(1, true, outcome.CurrentVersion, outcome.Applied.Count,
                        [.. outcome.Applied.Select(a => new JsonApplied(a.Version, a.Name, a.Kind, a.Path, a.Statements, a.Duration.TotalMilliseconds, a.Resumed) { Notes = a.Notes.Count == 0 ? null : a.Notes })],
                        outcome.Elapsed.TotalMilliseconds, outcome.LockWait.TotalMilliseconds, outcome.FastPath, null)
                    {
                        Adopted = outcome.Adopted.Count == 0 ? null : [.. outcome.Adopted.Select(a => new JsonAdopted(a.Version, a.Name, a.Source))],
                        Imported = outcome.Imported.Count == 0 ? null : [.. outcome.Imported.Select(a => new JsonAdopted(a.Version, a.Name, a.Source))],
                        Warnings = outcome.Warnings.Count == 0 ? null : outcome.Warnings,
                        Drift = outcome.Drift is { } d ? new JsonDrift(d.Version, d.ExpectedFingerprint, d.ActualFingerprint, d.Differences) : null,
                    }, CliJsonContext.Default.JsonMigrateResult);
                }
                else
                {
                    foreach (var a in outcome.Applied.Where(a => a.Notes.Count > 0))
                    {
                        foreach (var note in a.Notes)
                        {
                            terminal.Error.WriteLine($"{terminal.Yellow("resumed")} {a.Version} {a.Name}: {note}");
                        }
                    }

                    foreach (var w in outcome.Warnings)
                    {
                        terminal.Error.WriteLine(terminal.Yellow("warning: ") + w);
                    }

                    WriteAdopted(terminal, "Adopted", outcome.Adopted, "the database already reflects them, 0 statements executed");
                    WriteAdopted(terminal, "Imported", outcome.Imported, $"recorded by {(outcome.Imported.Count > 0 ? outcome.Imported[0].Source : "")}, not re-run");
                    var version = outcome.CurrentVersion ?? "(none)";
                    terminal.Out.WriteLine(outcome.NothingToDo
                        ? $"Up to date at version {version}; nothing to apply ({Ms(outcome.Elapsed)})."
                        : outcome.Applied.Count == 0
                            ? $"Nothing else to apply ({Ms(outcome.Elapsed)}); database is at version {version}."
                            : $"{terminal.Green("Applied")} {outcome.Applied.Count} migration(s) in {Ms(outcome.Elapsed)}; database is at version {version}.");
                }

                return ExitCodes.Ok;
            }
            catch (Exception ex) when (json && ex is TidemarkException or OperationCanceledException)
            {
                CliRunner.WriteJson(terminal, new JsonMigrateResult(1, false, null, 0, [], 0, 0, false, ErrorReport.ToJson(ex)), CliJsonContext.Default.JsonMigrateResult);
                return ErrorReport.ExitCodeOf(ex);
            }
        }, ct));
        return command;
    }

    private static void WriteAdopted(Terminal terminal, string verb, IReadOnlyList<AdoptedMigration> list, string why)
    {
        if (list.Count == 0)
        {
            return;
        }

        var range = list.Count == 1 ? list[0].Version : $"{list[0].Version}–{list[^1].Version}";
        terminal.Out.WriteLine($"{terminal.Green(verb)} {range} ({list.Count} migration{(list.Count == 1 ? "" : "s")}; {why})");
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>Live progress on stderr for interactive terminals; one line per migration otherwise.</summary>
    private sealed class ProgressPrinter(Terminal terminal, bool enabled)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private Stopwatch _migrationClock = new();

        public void Report(MigrationProgress p)
        {
            if (!enabled || (!terminal.Interactive && p.Phase != MigrationProgressPhase.WaitingForLock))
            {
                return;
            }

            switch (p.Phase)
            {
                case MigrationProgressPhase.WaitingForLock:
                    terminal.Error.WriteLine(terminal.Yellow("waiting") + " for the migration lock" + (p.LockHolder is null ? "" : $" held by {p.LockHolder}"));
                    break;
                case MigrationProgressPhase.MigrationStarted:
                    _migrationClock = Stopwatch.StartNew();
                    if (terminal.Interactive)
                    {
                        terminal.Error.Write($"\r  [{p.MigrationNumber}/{p.MigrationCount}] {p.Version} {p.Name} … {Elapsed()}\u001b[K");
                    }

                    break;
                case MigrationProgressPhase.StatementDone when terminal.Interactive:
                    terminal.Error.Write($"\r  [{p.MigrationNumber}/{p.MigrationCount}] {p.Version} {p.Name} statement {p.StatementsDone}/{p.StatementsTotal} … {Elapsed()}\u001b[K");
                    break;
                case MigrationProgressPhase.MigrationDone:
                    var line = $"  {terminal.Green("✓")} {p.Version} {p.Name} {terminal.Dim($"({p.StatementsTotal} statement{(p.StatementsTotal == 1 ? "" : "s")}, {_migrationClock.Elapsed.TotalMilliseconds:0} ms)")}";
                    terminal.Error.WriteLine(terminal.Interactive ? "\r" + line + "\u001b[K" : line);
                    break;
            }
        }

        private string Elapsed() => terminal.Dim($"{_clock.Elapsed.TotalSeconds:0.0}s");
    }
}
