using System.CommandLine;
using Tidemark.Cli.Output;
using Tidemark.Declarative;

namespace Tidemark.Cli.Commands;

/// <summary>
/// <c>tidemark diff --from X --to Y</c>: the ordered DDL that turns one schema into another, with hazards. Each side is
/// a database URL, a migrations folder, a <c>.sql</c> schema file, or <c>empty</c> (resolved by the library's
/// <see cref="DesiredState"/>, compared by <see cref="SchemaDifference"/>).
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CommonOptions common)
    {
        var from = new Option<string>("--from") { Description = "The schema to change: a database URL/connection string, a migrations folder, a .sql schema file, or empty", Required = true };
        var to = new Option<string>("--to") { Description = "The schema aimed at: a database URL/connection string, a migrations folder, a .sql schema file, or empty", Required = true };
        var command = new Command("diff", "Print the ordered SQL that turns the schema of --from into that of --to, hazards as comments (changes nothing)") { from, to };
        command.SetAction((result, ct) => CliRunner.RunAsync(common, result, async (terminal, json, ct2) =>
        {
            var (source, target) = await ResolveBothAsync(common, result, result.GetValue(from)!, result.GetValue(to)!, ct2);
            var diff = SchemaDifference.Between(source, target);
            if (json)
            {
                CliRunner.WriteJson(terminal, ToJson(diff), CliJsonContext.Default.JsonDiff);
            }
            else
            {
                foreach (var line in NotComparedLines(source, target))
                {
                    terminal.Out.WriteLine("-- not compared in " + line);
                }

                terminal.Out.WriteLine(diff.IsEmpty ? "-- the schemas are identical" : diff.ToSql());
                if (!diff.IsEmpty)
                {
                    LintOutput.WriteSqlComments(terminal.Out, diff.ToSql(), "diff.sql");
                }
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>
    /// Resolves --from, then --to against it (so rename hints in --to apply). Shadows for folders and schema files are
    /// made on the server of a database side, else of --url / DATABASE_URL, else in a local cluster (or --shadow-url).
    /// </summary>
    public static async Task<(SchemaSnapshot From, SchemaSnapshot To)> ResolveBothAsync(CommonOptions common, ParseResult result, string from, string to, CancellationToken ct)
    {
        var options = Options(common, result, DesiredState.Classify(from) == DesiredStateKind.Database ? from
            : DesiredState.Classify(to) == DesiredStateKind.Database ? to : null);
        var source = await DesiredState.ResolveAsync(from, options, null, ct);
        var target = await DesiredState.ResolveAsync(to, options, source, ct);
        return (source, target);
    }

    public static DesiredStateOptions Options(CommonOptions common, ParseResult result, string? server) => new()
    {
        ShadowUrl = common.ShadowUrlOf(result),
        ShadowServerUrl = server ?? NonEmpty(result.GetValue(common.Url) ?? Environment.GetEnvironmentVariable("DATABASE_URL")),
        HistorySchema = result.GetValue(common.Schema) ?? "tidemark",
        Format = result.GetValue(common.Format),
        IgnoredTables = result.GetValue(common.IgnoreTable) ?? [],
    };

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    public static IEnumerable<string> NotComparedLines(SchemaSnapshot from, SchemaSnapshot to) =>
        from.NotCompared.Select(k => "--from: " + k).Concat(to.NotCompared.Select(k => "--to: " + k));

    public static JsonChange ToJson(SchemaDifferenceStep c) =>
        new(c.Kind, c.ObjectKey, c.Sql, [.. c.Hazards.Select(h => h.Name)], c.Reason, c.RequiresCommit) { Codes = [.. c.Hazards.Select(h => h.Code)] };

    private static JsonDiff ToJson(SchemaDifference diff) =>
        new(1, true, diff.IsEmpty, string.Join(", ", diff.Hazards.Select(h => h.Name)), [.. diff.Changes.Select(ToJson)], [.. diff.Unsupported])
        {
            From = diff.From.Description,
            To = diff.To.Description,
            NotCompared = [.. NotComparedLines(diff.From, diff.To)],
            Renames = [.. diff.To.Renames],
        };
}
