using System.CommandLine;
using System.Globalization;
using Tidemark.Cli.Output;
using Tidemark.Text;
using Tidemark.Recovery;

namespace Tidemark.Cli.Commands;

/// <summary><c>tidemark rollback --to &lt;version&gt; | --steps &lt;n&gt;</c>: undo applied migrations with their down files.</summary>
internal static class RollbackCommand
{
    public static Command Create(CommonOptions common)
    {
        var to = new Option<string?>("--to") { Description = "Undo every migration applied after this version (0 = all of them)" };
        var steps = new Option<int?>("--steps") { Description = "Undo the newest N applied migrations" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be undone; change nothing" };
        var allowDataLoss = new Option<bool>("--allow-data-loss") { Description = "Allow generated downs (for migrations without a down file) that drop data" };
        var command = new Command("rollback", "Undo applied migrations with their down files (generated where none exists), newest first, each in its own transaction with its history row")
        {
            to, steps, dryRun, allowDataLoss,
        };
        command.SetAction((result, ct) => CliRunner.RunAsync(common, result, async (terminal, json, ct2) =>
        {
            await using var dataSource = common.CreateDataSource(result);
            var migrator = new Migrator(dataSource, common.CreateMigratorOptions(result, null), CliRunner.Logger<Migrator>(result, common));
            var outcome = await migrator.RollbackAsync(
                new RollbackRequest(result.GetValue(to), result.GetValue(steps), result.GetValue(dryRun), result.GetValue(allowDataLoss)), ct2);
            if (json)
            {
                CliRunner.WriteJson(terminal, new JsonRollbackResult(1, true, outcome.DryRun, outcome.FromVersion, outcome.ToVersion,
                    [.. outcome.Steps.Select(s => new JsonRolledBack(s.Version, s.Name, s.DownPath, s.Statements, s.Transactional, Words.Ms(s.Duration)) { DataLoss = s.DataLoss.Count == 0 ? null : s.DataLoss })],
                    Words.Ms(outcome.Elapsed)), CliJsonContext.Default.JsonRollbackResult);
                return ExitCodes.Ok;
            }

            var target = outcome.ToVersion ?? "(none)";
            if (outcome.Steps.Count == 0)
            {
                terminal.Out.WriteLine(outcome.FromVersion is null ? "Nothing to roll back; no migration is applied." : $"Nothing to roll back; the database is at version {outcome.FromVersion}.");
                return ExitCodes.Ok;
            }

            terminal.Out.WriteLine(outcome.DryRun
                ? $"Would roll back {Words.Count(outcome.Steps.Count, "migration")}, from version {outcome.FromVersion} to {target} (dry run, nothing changed):"
                : $"{terminal.Green("Rolled back")} {Words.Count(outcome.Steps.Count, "migration")} in {Ms(outcome.Elapsed)}; the database is at version {target}.");
            foreach (var s in outcome.Steps)
            {
                var mode = s.Transactional ? "in a transaction" : "statement by statement, no transaction";
                var took = outcome.DryRun ? "" : $", {Ms(s.Duration)}";
                terminal.Out.WriteLine($"  down {s.Version} {s.Name}  {terminal.Dim($"({s.DownPath}: {Words.Count(s.Statements, "statement")}, {mode}{took})")}");
                if (s.DataLoss.Count > 0)
                {
                    terminal.Out.WriteLine($"       {terminal.Red("needs --allow-data-loss:")} {string.Join("; ", s.DataLoss)}");
                }
            }

            if (outcome.DryRun && outcome.Steps.Any(s => s.DataLoss.Count > 0) && !result.GetValue(allowDataLoss))
            {
                terminal.Out.WriteLine("Run it with --allow-data-loss to accept the data loss, or write the down files by hand (`tidemark down <version> --write`).");
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static string Ms(TimeSpan t) => Words.Ms(t).ToString(CultureInfo.InvariantCulture) + " ms";
}
