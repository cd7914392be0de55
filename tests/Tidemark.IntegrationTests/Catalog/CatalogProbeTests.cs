using Npgsql;
using Tidemark.Catalog;
using Tidemark.IntegrationTests.Infrastructure;

namespace Tidemark.IntegrationTests.Catalog;

public class CatalogProbeTests
{
    [Fact]
    public async Task Probe()
    {
        var cs = await TestServer.CreateDatabaseAsync("probe");
        await TestServer.ExecAsync(cs, RichSchema.Sql);
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var reader = new CatalogReader();
        var model = await reader.ReadAsync(conn, CatalogOptions.Default, CancellationToken.None);
        await File.WriteAllTextAsync("/tmp/probe/model.json", CatalogJson.Serialize(model));
        Assert.NotEmpty(model.Tables);
    }
}
