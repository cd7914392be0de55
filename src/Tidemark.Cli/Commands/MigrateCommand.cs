using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tidemark.Cli.Output;
using Tidemark.Text;
using Tidemark.Planning;
using Tidemark.Reconciliation;

namespace Tidemark.Cli.Commands;

/// <summary><c>tidemark migrate</c>: apply every pending migration.</summary>
internal static class MigrateCommand
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("migrate", "Apply every pending migration (each in its own transaction), under a lock that makes concurrent runs safe");
        var fleet = new FleetMigrate();
        foreach (var option in fleet.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((result, ct) => CliRunner.RunAsync(common, result, async (terminal, json, ct2) =>
        {
            if (fleet.Applies(result))
            {
                return await fleet.RunAsync(common, result, terminal, json, ct2);
            }

            var progress = new ProgressPrinter(terminal, enabled: !json);
            await using var dataSource = common.CreateDataSource(result);
            var migrator = new Migrator(dataSource, common.CreateMigratorOptions(result, progress.Report), CliRunner.Logger<Migrator>(result, common));
            try
            {
                MigrationResult outcome;
                try
                {
                    outcome = await migrator.MigrateAsync(ct2);
                }
                catch (Exception ex) when (!json && ex is TidemarkException or OperationCanceledException)
                {
                    // What committed before the failure, so a CI log shows where the run got to.
                    progress.Clear();
                    progress.WriteCommitted();
                    throw;
                }
                finally
                {
                    // The live line must not be left under what is printed next (an error, or the result).
                    progress.Clear();
                }

                if (json)
                {
                    CliRunner.WriteJson(terminal, new JsonMigrateResult(1, true, outcome.CurrentVersion, outcome.Applied.Count,
                        [.. outcome.Applied.Select(a => new JsonApplied(a.Version, a.Name, a.Kind, a.Path, a.Statements, Words.Ms(a.Duration), a.Resumed) { Notes = a.Notes.Count == 0 ? null : a.Notes })],
                        Words.Ms(outcome.Elapsed), Words.Ms(outcome.LockWait), outcome.FastPath, null)
                    {
                        Adopted = outcome.Adopted.Count == 0 ? null : [.. outcome.Adopted.Select(a => new JsonAdopted(a.Version, a.Name, a.Source))],
                        Imported = outcome.Imported.Count == 0 ? null : [.. outcome.Imported.Select(a => new JsonAdopted(a.Version, a.Name, a.Source))],
                        Warnings = outcome.Warnings.Count == 0 ? null : outcome.Warnings,
                        Drift = outcome.Drift is { } d ? new JsonDrift(d.Version, d.ExpectedFingerprint, d.ActualFingerprint, d.Differences) : null,
                        Reconciliation = JsonReconciliation.From(outcome.Reconciliation),
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

                    foreach (var f in outcome.Findings.Where(f => f.Severity >= Tidemark.Lint.LintSeverity.Warning))
                    {
                        terminal.Error.WriteLine($"{terminal.Yellow("lint:")} {f.File}:{f.Line}:{f.Column} {f.Code} {f.Message} (see `tidemark lint`)");
                    }

                    WriteAdopted(terminal, outcome.Adopted);
                    if (outcome.Imported.Count > 0)
                    {
                        var i = outcome.Imported;
                        terminal.Out.WriteLine($"{terminal.Green("Imported")} {Words.Count(i.Count, "migration")} from {i[0].Source} " +
                            $"({(i.Count == 1 ? i[0].Version : $"{i[0].Version}–{i[^1].Version}")}; not re-run)");
                    }

                    if (outcome.Reconciliation is { Case: Tidemark.Reconciliation.ReconciliationCase.HalfAppliedNext } half)
                    {
                        terminal.Out.WriteLine($"{terminal.Yellow("Completed")} the half-applied {half.HalfAppliedPath}:");
                        foreach (var s in half.Statements)
                        {
                            terminal.Out.WriteLine("  " + s);
                        }
                    }

                    // One line per applied migration, on a terminal and in CI logs alike, with the duration its history row records.
                    foreach (var a in outcome.Applied)
                    {
                        terminal.Out.WriteLine(AppliedLine(terminal, a.Resumed ? "resumed" : "applied", a.Version, a.Name, a.Statements, a.Duration));
                    }

                    var version = outcome.CurrentVersion is null ? "no version (nothing applied)" : $"version {outcome.CurrentVersion}";
                    terminal.Out.WriteLine(outcome.NothingToDo
                        ? $"Up to date at {version}; nothing to apply ({Ms(outcome.Elapsed)})."
                        : outcome.Applied.Count == 0
                            ? $"Nothing else to apply ({Ms(outcome.Elapsed)}); the database is at {version}."
                            : $"{terminal.Green("Applied")} {Words.Count(outcome.Applied.Count, "migration")} in {Ms(outcome.Elapsed)}; the database is at {version}.");
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

    private static void WriteAdopted(Terminal terminal, IReadOnlyList<AdoptedMigration> list)
    {
        if (list.Count == 0)
        {
            return;
        }

        var range = list.Count == 1 ? list[0].Version : $"{list[0].Version}–{list[^1].Version}";
        terminal.Out.WriteLine($"{terminal.Green("Adopted")} {range} ({Words.Count(list.Count, "migration")}; the database already reflects {(list.Count == 1 ? "it" : "them")}, 0 statements executed)");
    }

    /// <summary>One applied migration, as the result lists it and as a failed run lists what it committed first.</summary>
    private static string AppliedLine(Terminal terminal, string verb, string? version, string? name, int statements, TimeSpan duration) =>
        $"  {terminal.Green(verb)} {version} {name} {terminal.Dim($"({Words.Count(statements, "statement")}, {Ms(duration)})")}";

    private static string Ms(TimeSpan t) => Words.Ms(t).ToString(CultureInfo.InvariantCulture) + " ms";

    /// <summary>
    /// Live progress on stderr for interactive terminals: one line rewritten in place (<c>\r</c> … erase to end of
    /// line), cleared before anything else is printed. Outside a terminal only lock waits are reported here; the
    /// applied migrations are listed with the result.
    /// </summary>
    private sealed class ProgressPrinter(Terminal terminal, bool enabled)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<string> _committed = [];
        private TimeSpan _migrationStarted;
        private bool _lineShown;

        public void Report(MigrationProgress p)
        {
            if (!enabled)
            {
                return;
            }

            // MigrationDone is reported once the migration's transaction (or its group's) has committed.
            if (p.Phase == MigrationProgressPhase.MigrationStarted)
            {
                _migrationStarted = _clock.Elapsed;
            }
            else if (p.Phase == MigrationProgressPhase.MigrationDone)
            {
                _committed.Add(AppliedLine(terminal, "applied", p.Version, p.Name, p.StatementsTotal, p.Duration ?? _clock.Elapsed - _migrationStarted));
            }

            if (!terminal.Interactive && p.Phase != MigrationProgressPhase.WaitingForLock)
            {
                return;
            }

            switch (p.Phase)
            {
                case MigrationProgressPhase.WaitingForLock:
                    Clear();
                    terminal.Error.WriteLine(terminal.Yellow("waiting") + " for the migration lock" + (p.LockHolder is null ? "" : $" held by {p.LockHolder}"));
                    break;
                case MigrationProgressPhase.MigrationStarted:
                    Show($"[{p.MigrationNumber}/{p.MigrationCount}] {p.Version} {p.Name} … {Elapsed()}");
                    break;
                case MigrationProgressPhase.StatementDone:
                    Show($"[{p.MigrationNumber}/{p.MigrationCount}] {p.Version} {p.Name}, statement {p.StatementsDone} of {p.StatementsTotal} … {Elapsed()}");
                    break;
                case MigrationProgressPhase.MigrationDone:
                    Show($"[{p.MigrationNumber}/{p.MigrationCount}] {p.Version} {p.Name} done … {Elapsed()}");
                    break;
            }
        }

        /// <summary>After a failure: one line per migration this run committed before it (the result lists them on success).</summary>
        public void WriteCommitted()
        {
            foreach (var line in _committed)
            {
                terminal.Out.WriteLine(line);
            }
        }

        /// <summary>Erases the live line, if one is shown, so the next output starts at column 0 of a clean line.</summary>
        public void Clear()
        {
            if (_lineShown)
            {
                terminal.Error.Write("\r\u001b[K");
                terminal.Error.Flush();
                _lineShown = false;
            }
        }

        private void Show(string text)
        {
            terminal.Error.Write("\r  " + text + "\u001b[K");
            terminal.Error.Flush();
            _lineShown = true;
        }

        private string Elapsed() => terminal.Dim(string.Create(CultureInfo.InvariantCulture, $"{_clock.Elapsed.TotalSeconds:0.0} s"));
    }
}
