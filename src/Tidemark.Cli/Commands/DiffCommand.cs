using System.CommandLine;
using Npgsql;
using Tidemark.Catalog;
using Tidemark.Cli.Output;
using Tidemark.Connections;
using Tidemark.Diff;

namespace Tidemark.Cli.Commands;

/// <summary><c>tidemark diff --from URL --to URL</c>: the ordered DDL that turns one database's schema into another's, with hazards.</summary>
internal static class DiffCommand
{
    public static Command Create(CommonOptions common)
    {
        var from = new Option<string>("--from") { Description = "The database to change (URL or Npgsql connection string)", Required = true };
        var to = new Option<string>("--to") { Description = "The database whose schema is the goal", Required = true };
        var command = new Command("diff", "Print the ordered SQL that turns the schema of --from into that of --to, hazards as comments (changes nothing)") { from, to };
        command.SetAction((result, ct) => CliRunner.RunAsync(common, result, async (terminal, json, ct2) =>
        {
            var options = CatalogOptions.Default.Excluding(result.GetValue(common.Schema) ?? "tidemark");
            var source = await ReadAsync(result.GetValue(from)!, options, ct2);
            var target = await ReadAsync(result.GetValue(to)!, options, ct2);
            var diff = SchemaDiff.Between(source, target);
            if (json)
            {
                CliRunner.WriteJson(terminal, new JsonDiff(1, true, diff.IsEmpty, diff.Hazards.ToString(),
                    [.. diff.Changes.Select(c => new JsonChange(c.Kind.ToString().ToLowerInvariant(), c.ObjectKey, c.Sql,
                        c.Hazards == Hazards.None ? [] : [.. c.Hazards.ToString().Split(", ")], c.Reason, c.RequiresCommit))],
                    [.. diff.Unsupported]), CliJsonContext.Default.JsonDiff);
            }
            else
            {
                terminal.Out.WriteLine(diff.IsEmpty ? "-- the schemas are identical" : diff.ToSql());
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static async Task<SchemaCatalog> ReadAsync(string url, CatalogOptions options, CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString.Normalize(url));
        return await SchemaCatalog.ReadAsync(dataSource, options, ct);
    }
}
