using System.CommandLine;
using Tidemark.Cli.Output;
using Tidemark.Declarative;
using Tidemark.Text;

namespace Tidemark.Cli.Commands;

/// <summary><c>tidemark generate &lt;name&gt; --to schema.sql</c>: the folder's next migration, written from the difference to a desired schema.</summary>
internal static class GenerateCommand
{
    public static Command Create(CommonOptions common)
    {
        var name = new Argument<string>("name") { Description = "What the migration does, e.g. add_orders" };
        var to = new Option<string>("--to") { Description = "The desired schema: a .sql schema file, a database URL, or another migrations folder", Required = true };
        var command = new Command("generate", "Write the next migration of the folder (in its own format) that brings it to the schema --to describes; hazards as comments, data loss only with --allow-data-loss")
        {
            name, to,
        };
        command.SetAction((result, ct) => CliRunner.RunAsync(common, result, async (terminal, json, ct2) =>
        {
            var dir = result.GetValue(common.Dir) ?? TryResolveDir(common, result) ?? "migrations";
            var target = result.GetValue(to)!;
            var request = new GenerateRequest(result.GetValue(name)!, dir, target)
            {
                Format = result.GetValue(common.Format),
                AllowDataLoss = result.GetValue(common.AllowDataLoss),
                State = DiffCommand.Options(common, result, DesiredState.Classify(target) == DesiredStateKind.Database ? target : null),
            };
            var generated = await MigrationGenerator.GenerateAsync(request, DateTimeOffset.UtcNow, ct2);
            var notCompared = generated.Difference.To.NotCompared.Select(k => k.ToString()).ToArray();
            if (json)
            {
                CliRunner.WriteJson(terminal, new JsonGenerateResult(1, true, generated.Path, generated.Path is null,
                    [.. generated.Difference.Hazards.Select(h => h.ToString())], notCompared), CliJsonContext.Default.JsonGenerateResult);
                return ExitCodes.Ok;
            }

            foreach (var k in notCompared)
            {
                terminal.Out.WriteLine("not compared in the desired schema: " + k);
            }

            if (generated.Path is null)
            {
                terminal.Out.WriteLine($"Nothing to generate: {dir} already describes {generated.Difference.To.Description}.");
                return ExitCodes.Ok;
            }

            terminal.Out.WriteLine($"Created {generated.Path} ({Words.Count(generated.Difference.Changes.Count, "statement")}"
                + (generated.Difference.Hazards.Count == 0 ? ")" : "; hazards: " + string.Join(", ", generated.Difference.Hazards) + ")"));
            foreach (var rename in generated.Difference.To.Renames)
            {
                terminal.Out.WriteLine("  " + rename);
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static string? TryResolveDir(CommonOptions common, ParseResult result)
    {
        try
        {
            return common.ResolveDir(result);
        }
        catch (TidemarkException)
        {
            return null; // a new project: the first migration goes to ./migrations
        }
    }
}
