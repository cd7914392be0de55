using System.CommandLine;
using System.Globalization;
using Tidemark.Cli.Output;
using Tidemark.Text;

namespace Tidemark.Cli.Commands;

/// <summary><c>tidemark hash</c>: replay the migrations in a shadow database and write <c>tidemark.sum</c>.</summary>
internal static class HashCommand
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("hash",
            "Replay every migration in a shadow database and write tidemark.sum (per-migration checksums and schema fingerprints) into the migrations folder");
        command.SetAction((result, ct) => CliRunner.RunAsync(common, result, async (terminal, json, ct2) =>
        {
            var url = result.GetValue(common.Url) ?? Environment.GetEnvironmentVariable("DATABASE_URL");
            var target = string.IsNullOrWhiteSpace(url) ? null : Tidemark.Connections.ConnectionString.Normalize(url);
            var written = await Migrator.HashAsync(common.CreateMigratorOptions(result, null), target, ct2);
            if (json)
            {
                CliRunner.WriteJson(terminal, new JsonHashResult(1, true, written.Path, written.Migrations, written.PostgresMajor, written.Shadow, Words.Ms(written.Elapsed)),
                    CliJsonContext.Default.JsonHashResult);
            }
            else
            {
                terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{terminal.Green("Wrote")} {written.Path}: {Words.Count(written.Migrations, "migration")} replayed in the {written.Shadow} (PostgreSQL {written.PostgresMajor}, {Words.Ms(written.Elapsed)} ms). Commit it with the migrations."));
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
