using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MentionWatch.Server.Tests.Alerting.Notifiers.Support;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1 and a free port. It keeps every message it accepts;
/// <see cref="AnswerData"/> makes it answer the DATA phase with another reply (451: try later; 550: refused).
/// </summary>
internal sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly RecordingStore _store = new();
    private Task _running = Task.CompletedTask;

    public int Port { get; private set; }

    public IReadOnlyList<MimeMessage> Messages => _store.Messages.ToArray();

    /// <summary>The reply to DATA; null accepts with 250.</summary>
    public (int Code, string Text)? AnswerData { get => _store.Answer; set => _store.Answer = value; }

    public static FakeSmtpServer Start()
    {
        var server = new FakeSmtpServer { Port = FreePort() };
        var options = new SmtpServerOptionsBuilder()
            .ServerName("fake-smtp.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, server.Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(server._store);
        server._running = new SmtpServer.SmtpServer(options, services).StartAsync(server._stop.Token);
        return server;
    }

    // SmtpServer does not report the port it bound to, so pick a free one first.
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed class RecordingStore : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public (int Code, string Text)? Answer { get; set; }

        public override Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Answer is { } answer) return Task.FromResult(new SmtpResponse((SmtpReplyCode)answer.Code, answer.Text));
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(MimeMessage.Load(stream, cancellationToken));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
