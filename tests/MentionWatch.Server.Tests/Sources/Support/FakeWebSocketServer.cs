using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Server.Tests.Sources.Support;

/// <summary>
/// Real Kestrel on 127.0.0.1 with WebSockets: each accepted connection is handed to the script with its number
/// (1, 2, ...) and its request, so a test can send events, close cleanly, or drop the connection without a close frame.
/// </summary>
internal sealed class FakeWebSocketServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<WebSocketConnection, Task> _script;
    private int _connections;

    private FakeWebSocketServer(WebApplication app, Func<WebSocketConnection, Task> script) => (_app, _script) = (app, script);

    public Uri WsUrl { get; private set; } = null!;
    public int Connections => Volatile.Read(ref _connections);
    public List<string> Queries { get; } = [];

    public static async Task<FakeWebSocketServer> StartAsync(Func<WebSocketConnection, Task> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeWebSocketServer(app, script);
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var http = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.WsUrl = new Uri("ws" + http["http".Length..]);
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        lock (Queries) Queries.Add(context.Request.Path + context.Request.QueryString);
        var n = Interlocked.Increment(ref _connections);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await _script(new WebSocketConnection(n, context, socket));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One accepted connection of <see cref="FakeWebSocketServer"/>.</summary>
internal sealed record WebSocketConnection(int Number, HttpContext Context, WebSocket Socket)
{
    public string? Cursor => Context.Request.Query["cursor"].FirstOrDefault();

    public Task SendAsync(string text) => Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, Context.RequestAborted);

    /// <summary>Drops the TCP connection without a close frame.</summary>
    public void Drop() => Context.Abort();

    /// <summary>Keeps the connection open until the client goes away.</summary>
    public Task HoldAsync() => Task.Delay(Timeout.Infinite, Context.RequestAborted).ContinueWith(_ => { });
}
