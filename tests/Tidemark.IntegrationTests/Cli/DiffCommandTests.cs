using System.Text.Json;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.IntegrationTests.Runner;

namespace Tidemark.IntegrationTests.Cli;

public sealed class DiffCommandTests : RunnerTestBase
{
    [Fact]
    public async Task Diff_prints_ordered_sql_with_hazards_that_turns_from_into_to()
    {
        var target = await TestServer.CreateDatabaseAsync("difft");
        await TestServer.ExecAsync(Db, "CREATE TABLE users (id int PRIMARY KEY, email text, legacy text);");
        await TestServer.ExecAsync(target, "CREATE TYPE role AS ENUM ('admin', 'member'); CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL, role role);");

        var text = await CliProcess.RunAsync("diff", "--from", Db, "--to", target);
        Assert.True(text.ExitCode == 0, text.All);
        Assert.Contains("CREATE TYPE public.role AS ENUM", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("-- hazard: TM200 DataLoss", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("-- lint TM202 ", text.Stdout, StringComparison.Ordinal);
        Assert.True(text.Stdout.IndexOf("CREATE TYPE", StringComparison.Ordinal) < text.Stdout.IndexOf("ADD COLUMN role", StringComparison.Ordinal), text.Stdout);

        var json = await CliProcess.RunAsync("diff", "--from", Db, "--to", target, "--json");
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(1, doc.RootElement.GetProperty("version").GetInt32());
        var changes = doc.RootElement.GetProperty("changes").EnumerateArray().ToList();
        Assert.Contains(changes, c => c.GetProperty("sql").GetString()!.Contains("DROP COLUMN legacy", StringComparison.Ordinal)
            && c.GetProperty("hazards").EnumerateArray().Any(h => h.GetString() == "DataLoss"));

        // Applying the printed SQL makes the schemas identical.
        foreach (var c in changes)
        {
            await TestServer.ExecAsync(Db, c.GetProperty("sql").GetString()!);
        }

        var again = await CliProcess.RunAsync("diff", "--from", Db, "--to", target);
        Assert.Contains("identical", again.Stdout, StringComparison.Ordinal);
    }
}
