using System.CommandLine;
using Tidemark.Cli.Output;

namespace Tidemark.Cli.Commands;

/// <summary><c>tidemark down &lt;version&gt; [--write]</c>: show (or save) the down migration Tidemark generates for a migration.</summary>
internal static class DownCommand
{
    public static Command Create(CommonOptions common)
    {
        var version = new Argument<string>("version") { Description = "The migration to generate a down for" };
        var write = new Option<bool>("--write") { Description = "Save it as the migration's down file, for review (never overwrites)" };
        var command = new Command("down", "Generate the down migration of a migration (its schema diffed back to the one before it, in a shadow database); changes no database")
        {
            version, write,
        };
        command.SetAction((result, ct) => CliRunner.RunAsync(common, result, async (terminal, json, ct2) =>
        {
            await using var dataSource = common.CreateDataSource(result);
            var migrator = new Migrator(dataSource, common.CreateMigratorOptions(result, null), CliRunner.Logger<Migrator>(result, common));
            var down = await migrator.GenerateDownAsync(result.GetValue(version)!, result.GetValue(write), ct2);
            if (json)
            {
                CliRunner.WriteJson(terminal, new JsonGeneratedDown(1, true, down.Version, down.Name, down.Sql, down.Hazards, down.DataLoss, down.Unsupported, down.ExistingDownFile, down.WrittenTo),
                    CliJsonContext.Default.JsonGeneratedDown);
                return ExitCodes.Ok;
            }

            terminal.Out.Write(down.Sql);
            LintOutput.WriteSqlComments(terminal.Out, down.Sql, "down.sql");
            if (down.ExistingDownFile is not null)
            {
                terminal.Error.WriteLine(terminal.Yellow("note: ") + $"{down.ExistingDownFile} exists and is what `rollback` uses; this generated one is for comparison.");
            }

            if (down.DataLoss.Count > 0)
            {
                terminal.Error.WriteLine(terminal.Red("data loss: ") + string.Join("; ", down.DataLoss) + " — `rollback` needs --allow-data-loss to run it.");
            }

            foreach (var u in down.Unsupported)
            {
                terminal.Error.WriteLine(terminal.Red("cannot generate: ") + u);
            }

            if (down.WrittenTo is not null)
            {
                terminal.Error.WriteLine($"Wrote {down.WrittenTo}");
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
