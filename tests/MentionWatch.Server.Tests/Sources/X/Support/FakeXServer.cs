using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Server.Tests.Sources.X.Support;

/// <summary>A scripted reply of the fake X server.</summary>
internal sealed record XReply(
    int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, string ContentType = "application/json", TimeSpan? Delay = null);

/// <summary>A request the fake X server received.</summary>
internal sealed record XRecordedRequest(string Path, IReadOnlyDictionary<string, string> Query, string? Authorization);

/// <summary>
/// A real Kestrel server on 127.0.0.1 (free port) that answers GET /2/tweets/search/recent with scripted replies
/// in X API v2's wire format, in order, and records every request. An unscripted request gets
/// <see cref="DefaultReply"/>, or else a 500 saying so, which makes a test that sends too many requests fail loudly.
/// </summary>
internal sealed class FakeXServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<XReply> _replies = new();
    private readonly ConcurrentQueue<XRecordedRequest> _requests = new();

    private FakeXServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<XRecordedRequest> Requests => _requests.ToArray();

    /// <summary>Answer for requests beyond the script; null answers them with a 500.</summary>
    public XReply? DefaultReply { get; set; }

    public static async Task<FakeXServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeXServer(app);
        app.MapGet("/2/tweets/search/recent", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address);
        return server;
    }

    public FakeXServer Reply(int status, string body, IReadOnlyDictionary<string, string>? headers = null)
    {
        _replies.Enqueue(new XReply(status, body, headers));
        return this;
    }

    public FakeXServer ReplyOk(string body) => Reply(200, body, XWire.RateLimitHeaders(remaining: 449));

    private async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        _requests.Enqueue(new XRecordedRequest(context.Request.Path, query, context.Request.Headers.Authorization.ToString()));
        if (!_replies.TryDequeue(out var reply))
        {
            reply = DefaultReply ?? new XReply((int)HttpStatusCode.InternalServerError, "{\"title\":\"unscripted request in FakeXServer\"}");
        }

        if (reply.Delay is { } delay)
        {
            // A slow X: the client's timeout should give up first and abort the request.
            try { await Task.Delay(delay, context.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(reply.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
