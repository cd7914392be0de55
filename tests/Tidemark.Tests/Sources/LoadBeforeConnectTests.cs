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
        // The folder's journal is a named pipe, so the load fails only when the test writes it: once the attempt is in
        // the start-up handshake, which the server answers half a second later (Npgsql does not cancel that wait).
        using var server = new SlowRefusingServer(TimeSpan.FromMilliseconds(500));
        await using var dataSource = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={server.Port};Username=x;Database=x;Timeout=30;Pooling=false");
        var folder = Directory.CreateTempSubdirectory("tidemark-fifo-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "meta"));
            File.WriteAllText(Path.Combine(folder.FullName, "0000_a.sql"), "SELECT 1;\n");
            var journal = Path.Combine(folder.FullName, "meta", "_journal.json");
            using (var mkfifo = Process.Start("mkfifo", journal))
            {
                await mkfifo.WaitForExitAsync();
                Assert.Equal(0, mkfifo.ExitCode);
            }

            var migrate = Task.Run(() => new Migrator(dataSource, new MigratorOptions { Directory = folder.FullName }).MigrateAsync());
            await server.FirstRequest.WaitAsync(TimeSpan.FromSeconds(30));
            await File.WriteAllTextAsync(journal, "{ not json");

            await Assert.ThrowsAsync<MigrationSourceException>(() => migrate);
            var thrownAt = Stopwatch.GetTimestamp();

            var answeredAt = await server.AnsweredAt.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(answeredAt < thrownAt, $"the error was thrown {Stopwatch.GetElapsedTime(thrownAt, answeredAt).TotalMilliseconds:0} ms before the attempt had its answer");
            await server.ClientClosed.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// A PostgreSQL server as far as the start-up handshake: answers the first GSS or SSL encryption request after
    /// <c>delay</c> ('N': not supported), then refuses the start-up message with a FATAL error; then waits for the client to close.
    /// </summary>
    private sealed class SlowRefusingServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly TaskCompletionSource _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<long> _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public SlowRefusingServer(TimeSpan delay)
        {
            _listener.Start();
            _ = Task.Run(() => ServeAsync(delay));
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        /// <summary>The client's first request arrived: its attempt is in the handshake.</summary>
        public Task FirstRequest => _firstRequest.Task;

        /// <summary>When the first request was answered (a <see cref="Stopwatch"/> timestamp).</summary>
        public Task<long> AnsweredAt => _answered.Task;

        public Task ClientClosed => _closed.Task;

        public void Dispose() => _listener.Stop();

        private async Task ServeAsync(TimeSpan delay)
        {
            try
            {
                using var client = await _listener.AcceptSocketAsync();
                var header = new byte[8];
                var first = true;
                while (true)
                {
                    await ReceiveExactlyAsync(client, header);
                    var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header);
                    var code = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
                    if (code is 80877103 or 80877104)
                    {
                        // SSLRequest or GSSENCRequest
                        if (first)
                        {
                            _firstRequest.TrySetResult();
                            await Task.Delay(delay);
                            _answered.TrySetResult(Stopwatch.GetTimestamp());
                            first = false;
                        }

                        await client.SendAsync(new[] { (byte)'N' }, SocketFlags.None);
                        continue;
                    }

                    await ReceiveExactlyAsync(client, new byte[length - 8]);
                    var fields = System.Text.Encoding.ASCII.GetBytes("SFATAL\0VFATAL\0C28000\0Mrefused by the test server\0\0");
                    var error = new byte[5 + fields.Length];
                    error[0] = (byte)'E';
                    System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(error.AsSpan(1), 4 + fields.Length);
                    fields.CopyTo(error, 5);
                    await client.SendAsync(error, SocketFlags.None);
                    break;
                }

                var rest = new byte[256];
                while (await client.ReceiveAsync(rest, SocketFlags.None) > 0)
                {
                }

                _closed.TrySetResult();
            }
            catch (SocketException) when (_answered.Task.IsCompleted)
            {
                _closed.TrySetResult(); // the client ended the connection (a cancelled attempt resets it)
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                _firstRequest.TrySetException(ex);
                _answered.TrySetException(ex);
                _closed.TrySetException(ex);
            }
        }

        private static async Task ReceiveExactlyAsync(Socket socket, byte[] buffer)
        {
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None);
                if (n == 0)
                {
                    throw new SocketException((int)SocketError.ConnectionReset);
                }

                read += n;
            }
        }
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
