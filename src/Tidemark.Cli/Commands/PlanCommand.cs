using System.CommandLine;
using Tidemark.Cli.Output;
using Tidemark.Text;

namespace Tidemark.Cli.Commands;

/// <summary><c>tidemark plan</c>: what migrate would do, changing nothing.</summary>
internal static class PlanCommand
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("plan", "Show what `migrate` would do, step by step, with the reason for each (changes nothing)");
        command.SetAction((result, ct) => CliRunner.RunAsync(common, result, async (terminal, json, ct2) =>
        {
            await using var dataSource = common.CreateDataSource(result);
            var migrator = new Migrator(dataSource, common.CreateMigratorOptions(result, null), CliRunner.Logger<Migrator>(result, common));
            var plan = await migrator.PlanAsync(ct2);
            if (json)
            {
                CliRunner.WriteJson(terminal, new JsonPlan(1, plan.Problems.Count == 0, plan.CurrentVersion,
                    [.. plan.Steps.Select(s => new JsonPlanStep(s.Version, s.Name, s.Action.ToString().ToLowerInvariant(), s.Path, s.Statements, s.Transactional, s.Reason))],
                    [.. plan.Problems.Select(ErrorReport.ToJson)], null), CliJsonContext.Default.JsonPlan);
            }
            else
            {
                terminal.Out.WriteLine($"Current version: {plan.CurrentVersion ?? "none"}");
                if (plan.Steps.Count == 0 && plan.Problems.Count == 0)
                {
                    terminal.Out.WriteLine("Nothing to do.");
                }

                foreach (var s in plan.Steps)
                {
                    var mode = s.Transactional ? "in a transaction" : "statement by statement, no transaction";
                    terminal.Out.WriteLine($"  {s.Action.ToString().ToLowerInvariant(),-7} {s.Version} {s.Name}  {terminal.Dim($"({Words.Count(s.Statements, "statement")}, {mode}; {s.Reason})")}");
                    foreach (var f in s.Findings)
                    {
                        var level = f.Severity == Tidemark.Lint.LintSeverity.Error ? terminal.Red(f.Code) : f.Severity == Tidemark.Lint.LintSeverity.Warning ? terminal.Yellow(f.Code) : terminal.Dim(f.Code);
                        terminal.Out.WriteLine($"          {level} line {f.Line}: {f.Message}{(f.Lock is null ? string.Empty : $" [{f.Lock}]")}");
                    }
                }

                foreach (var p in plan.Problems)
                {
                    terminal.Out.WriteLine($"{terminal.Red("problem:")} {p.Message}");
                    terminal.Out.WriteLine($"  next: {Words.Sentence(p.NextStep)}");
                }
            }

            return plan.Problems.Count > 0 ? ExitCodes.ValidationFailed : ExitCodes.Ok;
        }, ct));
        return command;
    }
}
