using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Benchmarks;

/// <summary>
/// A webhook receiver on 127.0.0.1 (free port) inside the benchmark process: it stamps each POST with
/// <see cref="Stopwatch.GetTimestamp"/> as the request reaches the handler, then reads the alert's mention
/// externalIds. The first arrival per externalId counts; a second one (a retry, or another event) is only counted.
/// </summary>
internal sealed class AlertWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (long At, string DeliveryId)> _firstArrival = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _deliveryIds = new(StringComparer.Ordinal);
    private int _posts, _repeatedDeliveries, _unreadable;

    private AlertWebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Webhook POSTs received (every event type, retries included).</summary>
    public int Posts => Volatile.Read(ref _posts);

    /// <summary>POSTs whose <c>webhook-id</c> had been seen before (the server retried a delivery).</summary>
    public int RepeatedDeliveries => Volatile.Read(ref _repeatedDeliveries);

    public int Unreadable => Volatile.Read(ref _unreadable);

    public static async Task<AlertWebhookReceiver> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new AlertWebhookReceiver(app);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>The Stopwatch timestamp of the first webhook carrying <paramref name="externalId"/>, if one came.</summary>
    public long? ArrivalOf(string externalId) => _firstArrival.TryGetValue(externalId, out var first) ? first.At : null;

    /// <summary>The <c>webhook-id</c> of that first arrival (to find the delivery in the server's log).</summary>
    public string? DeliveryOf(string externalId) => _firstArrival.TryGetValue(externalId, out var first) ? first.DeliveryId : null;

    /// <summary>Waits until every id has arrived or <paramref name="limit"/> has passed; returns how many are still missing.</summary>
    public async Task<int> WaitForAsync(IReadOnlyCollection<string> externalIds, TimeSpan limit, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var missing = externalIds.Count(id => !_firstArrival.ContainsKey(id));
            if (missing == 0 || waited.Elapsed >= limit) return missing;
            await Task.Delay(20, ct);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        // Stamped before the body is read: the arrival is when the server's request reached us.
        var at = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _posts);
        var id = context.Request.Headers["webhook-id"].ToString();
        if (id.Length > 0 && !_deliveryIds.TryAdd(id, 0)) Interlocked.Increment(ref _repeatedDeliveries);
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (body.RootElement.TryGetProperty("alert", out var alert) && alert.TryGetProperty("mentions", out var mentions))
            {
                foreach (var mention in mentions.EnumerateArray())
                {
                    if (mention.TryGetProperty("externalId", out var externalId) && externalId.GetString() is { } value)
                        _firstArrival.TryAdd(value, (at, id));
                }
            }
        }
        catch (JsonException)
        {
            Interlocked.Increment(ref _unreadable);
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
