using System.CommandLine;
using Tidemark.Cli.Output;
using Tidemark.Declarative;
using Tidemark.Text;

namespace Tidemark.Cli.Commands;

/// <summary><c>tidemark push --to schema.sql</c>: bring a development database to a desired schema directly, without a migration file.</summary>
internal static class PushCommand
{
    public static Command Create(CommonOptions common)
    {
        var to = new Option<string>("--to") { Description = "The desired schema: a .sql schema file or a migrations folder (or a database URL)", Required = true };
        var force = new Option<bool>("--force") { Description = "Push even though the database's history says migrations manage it" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the statements; change nothing" };
        var command = new Command("push", "Apply the difference between the database (--url) and a desired schema directly (development databases); data loss only with --allow-data-loss")
        {
            to, force, dryRun,
        };
        command.SetAction((result, ct) => CliRunner.RunAsync(common, result, async (terminal, json, ct2) =>
        {
            var url = common.ResolveUrl(result);
            var request = new PushRequest(url, result.GetValue(to)!)
            {
                AllowDataLoss = result.GetValue(common.AllowDataLoss),
                Force = result.GetValue(force),
                DryRun = result.GetValue(dryRun),
                State = DiffCommand.Options(common, result, url),
            };
            var pushed = await SchemaPush.PushAsync(request, ct2);
            var diff = pushed.Difference;
            if (json)
            {
                CliRunner.WriteJson(terminal, new JsonPushResult(1, true, diff.Changes.Count == 0, pushed.Applied ? [.. diff.Changes.Select(DiffCommand.ToJson)] : [],
                    [.. DiffCommand.NotComparedLines(diff.From, diff.To)], pushed.Elapsed.TotalMilliseconds), CliJsonContext.Default.JsonPushResult);
                return ExitCodes.Ok;
            }

            foreach (var line in DiffCommand.NotComparedLines(diff.From, diff.To))
            {
                terminal.Out.WriteLine("-- not compared in " + line);
            }

            if (diff.Changes.Count == 0)
            {
                terminal.Out.WriteLine("The database already has the desired schema.");
                return ExitCodes.Ok;
            }

            terminal.Out.Write(diff.ToSql());
            terminal.Out.WriteLine(pushed.Applied
                ? $"Pushed {Words.Count(diff.Changes.Count, "statement")} in {pushed.Elapsed.TotalMilliseconds:0} ms."
                : $"Dry run: {Words.Count(diff.Changes.Count, "statement")} not applied.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
