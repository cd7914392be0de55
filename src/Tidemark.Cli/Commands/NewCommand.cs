using System.CommandLine;
using Tidemark.Cli.Output;
using Tidemark.Sources;

namespace Tidemark.Cli.Commands;

/// <summary><c>tidemark new &lt;name&gt;</c>: write the next migration file in the folder's own format.</summary>
internal static class NewCommand
{
    public static Command Create(CommonOptions common)
    {
        var name = new Argument<string>("name") { Description = "What the migration does, e.g. add_orders" };
        var command = new Command("new", "Create the next migration file in the folder's own format (drizzle journal entry included)") { name };
        command.SetAction((result, ct) => CliRunner.RunAsync(common, result, async (terminal, json, ct2) =>
        {
            var dir = result.GetValue(common.Dir) ?? common.ResolveDir(result);
            var path = await MigrationScaffolder.CreateAsync(dir, result.GetValue(name)!, result.GetValue(common.Format), ct2);
            if (json)
            {
                CliRunner.WriteJson(terminal, new JsonNewResult(1, true, path), CliJsonContext.Default.JsonNewResult);
            }
            else
            {
                terminal.Out.WriteLine($"Created {path}");
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
