using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Server.Tests.Alerting.Support;

/// <summary>How the receiver answers right now.</summary>
internal enum ReceiverMode { Accept, Fail503, Hang }

/// <summary>A webhook arrival: its id, event type, JSON body, and whether this receiver accepted it.</summary>
internal sealed record WebhookArrival(string Id, string Type, JsonObject Body, bool Accepted, DateTimeOffset At)
{
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    public string RawBody { get; init; } = "";
}

/// <summary>
/// A webhook receiver on 127.0.0.1 (free port) for end-to-end alert tests, also across server processes: it records
/// every POST with its <c>webhook-id</c> and answers by <see cref="Mode"/>, which a test switches to simulate an outage.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<WebhookArrival> _arrivals = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public volatile ReceiverMode Mode;

    /// <summary>The status of an accepted request: 204 for webhooks, 202 for PagerDuty's Events API.</summary>
    public int AcceptStatus { get; init; } = 204;

    public IReadOnlyList<WebhookArrival> Arrivals => [.. _arrivals];

    public IReadOnlyList<WebhookArrival> Accepted => _arrivals.Where(a => a.Accepted).ToList();

    public static async Task<WebhookReceiver> StartAsync(ReceiverMode mode = ReceiverMode.Accept, int acceptStatus = 204)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app) { Mode = mode, AcceptStatus = acceptStatus };
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()), "/hook");
        return receiver;
    }

    /// <summary>Waits until <paramref name="predicate"/> holds over the accepted arrivals, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<WebhookArrival>> WaitAcceptedAsync(Func<IReadOnlyList<WebhookArrival>, bool> predicate, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (!predicate(Accepted))
        {
            try
            {
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The webhook receiver did not get what the test waited for; accepted so far: {Describe(Accepted)}; all: {Describe(Arrivals)}");
            }
        }
        return Accepted;
    }

    public Task<IReadOnlyList<WebhookArrival>> WaitAcceptedCountAsync(int distinct, TimeSpan? timeout = null) =>
        WaitAcceptedAsync(a => a.Select(x => x.Id).Distinct().Count() >= distinct, timeout);

    private async Task HandleAsync(HttpContext context)
    {
        var mode = Mode;
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        if (mode == ReceiverMode.Hang)
        {
            try { await Task.Delay(Timeout.Infinite, context.RequestAborted); }
            catch (OperationCanceledException) { }
            Record(context, text, accepted: false);
            return;
        }
        var accepted = mode == ReceiverMode.Accept;
        Record(context, text, accepted);
        context.Response.StatusCode = accepted ? AcceptStatus : 503;
        if (accepted && AcceptStatus == 202) await context.Response.WriteAsync("""{"status":"success","message":"Event processed","dedup_key":"x"}""");
    }

    private void Record(HttpContext context, string text, bool accepted)
    {
        var body = JsonNode.Parse(text)!.AsObject();
        // Webhooks carry webhook-id and type; PagerDuty events carry dedup_key and event_action.
        var id = context.Request.Headers.TryGetValue("webhook-id", out var header) ? header.ToString() : (string?)body["dedup_key"] ?? "";
        var type = (string?)body["type"] ?? (string?)body["event_action"] ?? "";
        _arrivals.Enqueue(new WebhookArrival(id, type, body, accepted, DateTimeOffset.UtcNow)
        {
            Headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            RawBody = text,
        });
        _arrived.Release();
    }

    private static string Describe(IEnumerable<WebhookArrival> arrivals) =>
        "[" + string.Join(", ", arrivals.Select(a => $"{a.Id}:{a.Type}")) + "]";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
