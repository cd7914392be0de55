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
        using var silent = SilentServer();
        await using var dataSource = DataSourceFor(silent);
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<MigrationSourceException>(() => MigrateMissingFolderAsync(dataSource));

        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task The_connection_attempt_beside_a_failed_load_has_ended_when_the_error_is_thrown()
    {
        // Nothing of the attempt may run on after the error: a CLI exits at once, and a process that exits
        // while Npgsql is inside the Kerberos library (GSS encryption) aborts with SIGABRT instead of exit 2.
        using var silent = SilentServer();
        await using var dataSource = DataSourceFor(silent);

        await Assert.ThrowsAsync<MigrationSourceException>(() => MigrateMissingFolderAsync(dataSource));

        if (!silent.Pending())
        {
            return; // cancelled before it connected: nothing runs on
        }

        // It connected, so the client must have gone again: its socket is closed, and the server side reads the
        // end of the stream (after whatever request bytes it sent) instead of waiting for the 30-second timeout.
        using var client = await silent.AcceptSocketAsync();
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        int read;
        do
        {
            read = await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        }
        while (read > 0);
        Assert.Equal(0, read);
    }

    /// <summary>A server that accepts and never answers: a connection to it waits for its 30-second timeout.</summary>
    private static TcpListener SilentServer()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static NpgsqlDataSource DataSourceFor(TcpListener server) =>
        NpgsqlDataSource.Create($"Host=127.0.0.1;Port={((IPEndPoint)server.LocalEndpoint).Port};Username=x;Database=x;Timeout=30;Pooling=false");

    private static Task<MigrationResult> MigrateMissingFolderAsync(NpgsqlDataSource dataSource) =>
        new Migrator(dataSource, new MigratorOptions { Directory = Path.Combine(Path.GetTempPath(), "tidemark-missing-" + Guid.NewGuid().ToString("N")) }).MigrateAsync();
}
