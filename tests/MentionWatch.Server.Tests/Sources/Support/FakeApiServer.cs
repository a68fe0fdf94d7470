using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Server.Tests.Sources.Support;

/// <summary>A scripted reply: status, body, headers.</summary>
internal sealed record ApiReply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, string ContentType = "application/json");

/// <summary>A request the fake API received.</summary>
internal sealed record ApiRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>When the request arrived (wall clock): shows that a client waited for a rate-limit reset.</summary>
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 (free port) that answers any path with the replies scripted for it, in order,
/// and records every request. Unscripted requests get <see cref="DefaultReply"/> or a 500 saying so. A path can be
/// given a raw handler instead (streams that are cut or stay silent).
/// </summary>
internal sealed class FakeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ApiReply>> _replies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ApiRequest> _requests = new();

    private FakeApiServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;
    public IReadOnlyList<ApiRequest> Requests => _requests.ToArray();
    public ApiReply? DefaultReply { get; set; }

    public IReadOnlyList<ApiRequest> RequestsTo(string path) => Requests.Where(r => r.Path == path).ToList();

    public static async Task<FakeApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeApiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
        return server;
    }

    public FakeApiServer Reply(string path, int status, string body, IReadOnlyDictionary<string, string>? headers = null, string contentType = "application/json")
    {
        _replies.GetOrAdd(path, _ => new ConcurrentQueue<ApiReply>()).Enqueue(new ApiReply(status, body, headers, contentType));
        return this;
    }

    public FakeApiServer Handle(string path, Func<HttpContext, Task> handler)
    {
        _handlers[path] = handler;
        return this;
    }

    public Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        _requests.Enqueue(new ApiRequest(
            context.Request.Method, path,
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));
        if (_handlers.TryGetValue(path, out var handler))
        {
            await handler(context);
            return;
        }

        if (!_replies.TryGetValue(path, out var queue) || !queue.TryDequeue(out var reply))
        {
            reply = DefaultReply ?? new ApiReply((int)HttpStatusCode.InternalServerError, "{\"error\":\"unscripted request to " + path + "\"}");
        }

        context.Response.StatusCode = reply.Status;
        if (reply.Status != 304) context.Response.ContentType = reply.ContentType;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        if (reply.Status != 304) await context.Response.WriteAsync(reply.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
