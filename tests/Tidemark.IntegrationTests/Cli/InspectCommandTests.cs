using System.Text.Json;
using Tidemark.IntegrationTests.Infrastructure;
using Tidemark.IntegrationTests.Runner;

namespace Tidemark.IntegrationTests.Cli;

public sealed class InspectCommandTests : RunnerTestBase
{
    [Fact]
    public async Task Inspect_prints_text_json_and_mermaid_of_the_live_schema()
    {
        await TestServer.ExecAsync(Db, """
            CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);
            CREATE TABLE posts (id int PRIMARY KEY, author_id int NOT NULL REFERENCES users (id) ON DELETE CASCADE);
            """);

        var text = await CliProcess.RunAsync("inspect", "--url", Db);
        Assert.True(text.ExitCode == 0, text.All);
        Assert.Contains("table public.posts", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 round trip", text.Stdout, StringComparison.Ordinal);

        var mermaid = await CliProcess.RunAsync("inspect", "--url", Db, "--format", "mermaid");
        Assert.StartsWith("erDiagram", mermaid.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"public.users\" ||--o{ \"public.posts\"", mermaid.Stdout, StringComparison.Ordinal);

        var json = await CliProcess.RunAsync("inspect", "--url", Db, "--json");
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(1, doc.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(2, doc.RootElement.GetProperty("model").GetProperty("tables").GetArrayLength());
        Assert.Equal(64, doc.RootElement.GetProperty("fingerprint").GetString()!.Length);
    }
}
