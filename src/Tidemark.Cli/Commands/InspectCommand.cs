using System.CommandLine;
using Tidemark.Catalog;
using Tidemark.Cli.Output;
using Tidemark.Text;

namespace Tidemark.Cli.Commands;

/// <summary><c>tidemark inspect</c>: read the whole schema (one round trip) and show it as text, JSON or a Mermaid ER diagram.</summary>
internal static class InspectCommand
{
    public static Command Create(CommonOptions common)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "text (readable summary), json (the full model) or mermaid (ER diagram of tables and foreign keys)",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "mermaid");
        var schemas = new Option<string[]>("--schemas")
        {
            Description = "Only these schemas (default: every non-system schema except tidemark and drizzle)",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("inspect", "Read the database's schema (one round trip) and print it") { format, schemas };
        command.SetAction((result, ct) => CliRunner.RunAsync(common, result, async (terminal, json, ct2) =>
        {
            await using var dataSource = common.CreateDataSource(result);
            var selected = result.GetValue(schemas);
            var options = CatalogOptions.Default.Excluding(result.GetValue(common.Schema) ?? "tidemark") with
            {
                IncludeSchemas = selected is { Length: > 0 } ? selected : null,
            };
            var catalog = await SchemaCatalog.ReadAsync(dataSource, options, ct2);
            var chosen = json ? "json" : result.GetValue(format);

            // What the model does not cover is named, never silently ignored (docs/diff-coverage.md).
            IReadOnlyList<NotComparedKind> notCompared;
            await using (var connection = await dataSource.OpenConnectionAsync(ct2))
            {
                notCompared = await SchemaCatalog.CountNotComparedAsync(connection, options, ct2);
            }

            terminal.Out.WriteLine(chosen switch
            {
                "json" => $"{{\"version\": 1, \"ok\": true, \"fingerprint\": \"{catalog.Fingerprint}\", \"notCompared\": "
                    + System.Text.Json.JsonSerializer.Serialize(notCompared.Select(k => k.ToString()).ToArray(), CliJsonContext.Default.StringArray)
                    + $", \"model\": {catalog.ToJson()}}}",
                "mermaid" => catalog.ToMermaid(),
                _ => catalog.ToText() + string.Concat(notCompared.Select(k => "\nnot compared: " + k)) + $"\nfingerprint {catalog.Fingerprint} (read in {Words.Ms(catalog.ReadDuration)} ms, {Words.Count(catalog.RoundTrips, "round trip")})",
            });
            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
