using System.CommandLine;
using Tidemark.Cli.Output;

namespace Tidemark.Cli.Commands;

/// <summary><c>tidemark resolve &lt;version&gt; --applied | --rolled-back</c>: record a manual fix without running anything.</summary>
internal static class ResolveCommand
{
    public static Command Create(CommonOptions common)
    {
        var version = new Argument<string>("version") { Description = "The migration version to resolve" };
        var applied = new Option<bool>("--applied") { Description = "Record it as applied without running it (a partial row becomes applied)" };
        var rolledBack = new Option<bool>("--rolled-back") { Description = "Remove its history row without running anything" };
        var command = new Command("resolve", "Record a manual fix: mark a migration applied, or rolled back, without running it (audited)")
        {
            version, applied, rolledBack,
        };
        command.SetAction((result, ct) => CliRunner.RunAsync(common, result, async (terminal, json, ct2) =>
        {
            if (result.GetValue(applied) == result.GetValue(rolledBack))
            {
                throw new TidemarkException("Say how the migration was resolved: give exactly one of --applied or --rolled-back.",
                    "Use `tidemark resolve <version> --applied` or `tidemark resolve <version> --rolled-back`.");
            }

            await using var dataSource = common.CreateDataSource(result);
            var migrator = new Migrator(dataSource, common.CreateMigratorOptions(result, null), CliRunner.Logger<Migrator>(result, common));
            var outcome = await migrator.ResolveAsync(result.GetValue(version)!, result.GetValue(applied), ct2);
            if (json)
            {
                CliRunner.WriteJson(terminal, new JsonResolveResult(1, true, outcome.Version, outcome.Name, outcome.Applied ? "applied" : "rolled-back", outcome.Message),
                    CliJsonContext.Default.JsonResolveResult);
            }
            else
            {
                terminal.Out.WriteLine($"{terminal.Green("Resolved:")} {outcome.Message}; recorded in the audit trail.");
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
