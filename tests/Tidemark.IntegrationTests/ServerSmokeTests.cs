using Tidemark.IntegrationTests.Infrastructure;

namespace Tidemark.IntegrationTests;

public sealed class ServerSmokeTests
{
    [Fact]
    public async Task Test_server_is_a_supported_postgresql()
    {
        var db = await TestServer.CreateDatabaseAsync("smoke");
        var version = await TestServer.ScalarAsync<string>(db, "SHOW server_version_num");
        Assert.True(int.Parse(version, System.Globalization.CultureInfo.InvariantCulture) >= 130000);
    }
}
