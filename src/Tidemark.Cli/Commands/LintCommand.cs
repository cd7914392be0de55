using System.CommandLine;
using Tidemark.Cli.Output;
using Tidemark.Lint;

namespace Tidemark.Cli.Commands;

/// <summary><c>tidemark lint</c>: static rules over the migrations, optionally traced in a shadow database and sized from the target.</summary>
internal static class LintCommand
{
    /// <summary>Paths under the working directory are shown relative to it, as compilers do.</summary>
    private static LintReport Relative(LintReport report)
    {
        var cwd = Environment.CurrentDirectory;
        string Rel(string path)
        {
            var rel = Path.GetRelativePath(cwd, path);
            return rel.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(rel) ? path : rel;
        }

        return report with
        {
            Findings = [.. report.Findings.Select(f => f with { File = Rel(f.File) })],
            Trace = [.. report.Trace.Select(t => t with { File = Rel(t.File) })],
        };
    }

    public static Command Create(CommonOptions common)
    {
        var format = new Option<string>("--format")
        {
            Description = "Output: text (default), json, sarif (SARIF 2.1.0 for code scanning) or github (workflow annotations)",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "sarif", "github");
        var trace = new Option<bool>("--trace") { Description = "Run the migrations in a shadow database statement by statement and report the locks and rewrites actually observed" };
        var pgVersion = new Option<int?>("--pg-version") { Description = "Target PostgreSQL major version (default: the --url server's, else tidemark.lint.json's, else 14)" };
        var config = new Option<string?>("--config") { Description = "Lint configuration file (default: tidemark.lint.json in the migrations folder)" };
        var command = new Command("lint", "Name every lock, rewrite and breaking change in the migrations (with --url: only pending ones, with table sizes). Exit 3 on an error-level finding")
        {
            format, trace, pgVersion, config,
        };
        command.SetAction((result, ct) => CliRunner.RunAsync(common, result, async (terminal, json, ct2) =>
        {
            var url = result.GetValue(common.Url) ?? Environment.GetEnvironmentVariable("DATABASE_URL");
            var options = new LintOptions
            {
                Directory = common.ResolveDir(result),
                Format = result.GetValue(common.Format),
                ConnectionString = string.IsNullOrWhiteSpace(url) ? null : Connections.ConnectionString.Normalize(url),
                PostgresVersion = result.GetValue(pgVersion),
                Trace = result.GetValue(trace),
                Shadow = new Tidemark.Shadow.ShadowOptions { Url = common.ShadowUrlOf(result) },
                ConfigFile = result.GetValue(config),
                HistorySchema = result.GetValue(common.Schema) ?? "tidemark",
            };
            if (options.PostgresVersion is { } v && (v < 9 || v > 30))
            {
                throw new TidemarkException($"--pg-version {v} is not a PostgreSQL major version.", "Pass the target's major version, e.g. --pg-version 15.");
            }

            var report = Relative(await Linter.LintAsync(options, ct2));
            switch (json ? "json" : result.GetValue(format))
            {
                case "json":
                    LintOutput.WriteJson(terminal.Out, report);
                    break;
                case "sarif":
                    LintOutput.WriteSarif(terminal.Out, report, typeof(LintCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
                    break;
                case "github":
                    LintOutput.WriteGitHub(terminal.Out, report);
                    break;
                default:
                    LintOutput.WriteText(terminal, report);
                    break;
            }

            return report.Ok ? ExitCodes.Ok : ExitCodes.ValidationFailed;
        }, ct));
        return command;
    }
}
