using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Storage;

namespace Connect.Grpc.Tests.Messaging;

/// <summary>A real SMTP server on a loopback port that keeps what it receives, with plain-text AUTH allowed.</summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    public ConcurrentQueue<MimeMessage> Received { get; } = new();
    public ConcurrentQueue<(string User, string Password)> Logins { get; } = new();
    public int Port { get; }

    private SmtpTestServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).AllowUnsecureAuthentication(true))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CollectingStore(Received));
        services.Add(new DelegatingUserAuthenticator((user, password) =>
        {
            Logins.Enqueue((user, password));
            return true;
        }));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public static async Task<SmtpTestServer> StartAsync(int port)
    {
        var server = new SmtpTestServer(port);
        // StartAsync runs until shutdown; wait until the port accepts connections.
        for (var i = 0; ; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (i < 100)
            {
                await Task.Delay(50);
            }
        }
    }

    public async Task<MimeMessage> WaitForMessageAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            if (Received.TryDequeue(out var message)) return message;
            await Task.Delay(25);
        }
        throw new TimeoutException("The SMTP server received nothing.");
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed class CollectingStore(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpServer.Protocol.SmtpResponse.Ok;
        }
    }
}
