using System.Net;
using System.Net.Sockets;

namespace Tidemark.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP proxy between Tidemark and PostgreSQL that cuts the network at a chosen point: once
/// <see cref="CutAfterBytes"/> bytes have passed (both directions, all connections together), every
/// connection is reset and new ones are refused, as when a cable is pulled. With no cut it counts the
/// bytes of a whole run, so trials can pick cut points anywhere in it (mid-batch, mid-commit, during
/// CREATE INDEX CONCURRENTLY).
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _serverHost;
    private readonly int _serverPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Lock _gate = new();
    private readonly Task _accepting;
    private long _bytes;
    private volatile bool _down;

    public FaultProxy(string serverHost, int serverPort, long cutAfterBytes = long.MaxValue)
    {
        _serverHost = serverHost;
        _serverPort = serverPort;
        CutAfterBytes = cutAfterBytes;
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public long CutAfterBytes { get; }

    /// <summary>Bytes forwarded so far (both directions).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public bool Cut => _down;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (_down)
            {
                Reset(client);
                continue;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_serverHost, _serverPort, _stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                Reset(client);
                server.Dispose();
                continue;
            }

            lock (_gate)
            {
                _open.Add(client);
                _open.Add(server);
            }

            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[8192];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            while (true)
            {
                var n = await input.ReadAsync(buffer, _stop.Token);
                if (n == 0)
                {
                    to.Client.Shutdown(SocketShutdown.Send);
                    return;
                }

                var before = Interlocked.Add(ref _bytes, n) - n;
                if (before + n > CutAfterBytes)
                {
                    // Forward only up to the cut point, then pull the cable.
                    var part = (int)Math.Max(0, CutAfterBytes - before);
                    if (part > 0)
                    {
                        await output.WriteAsync(buffer.AsMemory(0, part), _stop.Token);
                        await output.FlushAsync(_stop.Token);
                    }

                    CutAll();
                    return;
                }

                await output.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            Reset(from);
            Reset(to);
        }
    }

    /// <summary>Resets every connection and refuses new ones.</summary>
    public void CutAll()
    {
        _down = true;
        TcpClient[] open;
        lock (_gate)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var c in open)
        {
            Reset(c);
        }
    }

    private static void Reset(TcpClient client)
    {
        try
        {
            // Client is null once the pump has disposed the TcpClient itself.
            if (client.Client is { } socket)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        client.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        await _accepting;
        _stop.Dispose();
    }
}
