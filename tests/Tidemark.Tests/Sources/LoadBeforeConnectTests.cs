using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Tidemark.Sources;

namespace Tidemark.Tests.Sources;

/// <summary>
/// The migrator opens its connection while it reads the folder (Migrator.LoadAndOpenAsync). A folder that cannot be
/// read must still be the error reported, and at once: not after the connection attempt gives up.
/// </summary>
public sealed class LoadBeforeConnectTests
{
    [Fact]
    public async Task A_missing_folder_is_reported_at_once_while_the_connection_hangs()
    {
        // A server that accepts and never answers: the connection would wait for its 30-second timeout.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var dataSource = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Username=x;Database=x;Timeout=30");
        var missing = Path.Combine(Path.GetTempPath(), "tidemark-missing-" + Guid.NewGuid().ToString("N"));
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<MigrationSourceException>(
            () => new Migrator(dataSource, new MigratorOptions { Directory = missing }).MigrateAsync());

        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}
