using System.CommandLine;
using Tidemark.Cli.Output;

namespace Tidemark.Cli.Commands;

/// <summary><c>tidemark repair</c>: accept the checksums of edited applied files and clear failure records, listing each.</summary>
internal static class RepairCommand
{
    public static Command Create(CommonOptions common)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be repaired; change nothing" };
        var command = new Command("repair", "Accept the current checksum of edited applied migrations and clear failure records (each listed and audited)") { dryRun };
        command.SetAction((result, ct) => CliRunner.RunAsync(common, result, async (terminal, json, ct2) =>
        {
            await using var dataSource = common.CreateDataSource(result);
            var migrator = new Migrator(dataSource, common.CreateMigratorOptions(result, null), CliRunner.Logger<Migrator>(result, common));
            var outcome = await migrator.RepairAsync(result.GetValue(dryRun), ct2);
            if (json)
            {
                CliRunner.WriteJson(terminal, new JsonRepairResult(1, true, outcome.DryRun,
                    [.. outcome.Checksums.Select(c => new JsonRepairedChecksum(c.Version, c.Name, c.Path, c.OldChecksum, c.NewChecksum))],
                    [.. outcome.ClearedFailures.Select(e => new JsonEvent(e.At, e.By, e.Host, e.Kind, e.Version, e.Name, e.Message))]),
                    CliJsonContext.Default.JsonRepairResult);
                return ExitCodes.Ok;
            }

            if (outcome.NothingToDo)
            {
                terminal.Out.WriteLine("Nothing to repair: every applied checksum matches and no failure is recorded.");
                return ExitCodes.Ok;
            }

            var verb = outcome.DryRun ? "would accept" : "accepted";
            foreach (var c in outcome.Checksums)
            {
                terminal.Out.WriteLine($"  {verb} edited {c.Path} ({c.Version} {c.Name}): checksum {c.OldChecksum[..Math.Min(12, c.OldChecksum.Length)]} -> {c.NewChecksum[..Math.Min(12, c.NewChecksum.Length)]}");
            }

            foreach (var f in outcome.ClearedFailures)
            {
                terminal.Out.WriteLine($"  {(outcome.DryRun ? "would clear" : "cleared")} failure of {f.Version} at {f.At.ToUniversalTime():yyyy-MM-dd HH:mm:ss}: {f.Message}");
            }

            terminal.Out.WriteLine(outcome.DryRun ? "Dry run: nothing changed." : terminal.Green("Repaired") + "; recorded in the audit trail (see `tidemark status`).");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
