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
                    [.. outcome.Steps.Select(s => new JsonRolledBack(s.Version, s.Name, s.DownPath, s.Statements, s.Transactional, Words.Ms(s.Duration)))],
                    Words.Ms(outcome.Elapsed)), CliJsonContext.Default.JsonRollbackResult);
                return ExitCodes.Ok;
            }

            var target = outcome.ToVersion ?? "(none)";
            if (outcome.Steps.Count == 0)
            {
                terminal.Out.WriteLine($"Nothing to roll back; database is at version {outcome.FromVersion ?? "(none)"}.");
                return ExitCodes.Ok;
            }

            terminal.Out.WriteLine(outcome.DryRun
                ? $"Would roll back {outcome.Steps.Count} migration(s), from version {outcome.FromVersion} to {target} (dry run, nothing changed):"
                : $"{terminal.Green("Rolled back")} {outcome.Steps.Count} migration(s) in {Ms(outcome.Elapsed)}; database is at version {target}.");
            foreach (var s in outcome.Steps)
            {
                var mode = s.Transactional ? "in a transaction" : "statement by statement, no transaction";
                var took = outcome.DryRun ? "" : $", {Ms(s.Duration)}";
                terminal.Out.WriteLine($"  down {s.Version} {s.Name}  {terminal.Dim($"({s.DownPath}: {s.Statements} statements, {mode}{took})")}");
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
