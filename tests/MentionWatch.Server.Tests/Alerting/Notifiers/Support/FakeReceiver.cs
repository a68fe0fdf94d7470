using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Server.Tests.Alerting.Notifiers.Support;

/// <summary>A scripted answer; <see cref="Hang"/> never answers (until the client gives up and aborts).</summary>
internal sealed record ReceiverReply(
    int Status, string Body = "", string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null, bool Hang = false)
{
    public static ReceiverReply NoAnswer { get; } = new(0, Hang: true);
}

/// <summary>A request as the receiver got it: the raw body is what signatures are computed over.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A real Kestrel server on 127.0.0.1 (free port) standing in for a webhook receiver, Slack, the Telegram Bot API
/// or PagerDuty: it records every POST and answers with scripted replies in order, in the wire format the test
/// scripts (see <c>Wire</c>). Unscripted requests get a 500 saying so.
/// </summary>
internal sealed class FakeReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceiverReply> _replies = new();
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly TaskCompletionSource _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeReceiver(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    public ReceivedRequest Single => Requests.Single();

    /// <summary>Completes when the first request has been read (a hanging one included).</summary>
    public Task FirstRequest => _firstRequest.Task;

    public Uri Url(string path) => new(BaseUrl, path);

    public static async Task<FakeReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new FakeReceiver(app);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return receiver;
    }

    public FakeReceiver Reply(ReceiverReply reply)
    {
        _replies.Enqueue(reply);
        return this;
    }

    public FakeReceiver Reply(int status, string body = "", string contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null) =>
        Reply(new ReceiverReply(status, body, contentType, headers));

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        _requests.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path, headers, body));
        _firstRequest.TrySetResult();
        var reply = _replies.TryDequeue(out var scripted) ? scripted : new ReceiverReply(500, "unscripted request in FakeReceiver", "text/plain");
        if (reply.Hang)
        {
            try { await Task.Delay(Timeout.Infinite, context.RequestAborted); }
            catch (OperationCanceledException) { }
            return;
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        await context.Response.WriteAsync(reply.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
