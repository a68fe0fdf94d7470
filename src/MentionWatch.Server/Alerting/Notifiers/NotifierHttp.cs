using System.Net;

namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>
/// One HTTP attempt for the HTTP notifiers: a timeout on the injected clock, the receiver's answer classified
/// (2xx accepted; 408, 429, 5xx transient with Retry-After; other 4xx and 3xx permanent), network failures and
/// timeouts transient, and secrets scrubbed from every detail.
/// </summary>
internal static class NotifierHttp
{
    /// <summary>The IHttpClientFactory client every HTTP notifier uses (guarded connect, no redirects).</summary>
    public const string ClientName = "MentionWatch.Alerting.Notifiers";

    private const int MaxBodyChars = 4_000;

    public static async Task<DeliveryResult> SendAsync(
        HttpClient http,
        Func<HttpRequestMessage> createRequest,
        TimeSpan timeout,
        TimeProvider time,
        IReadOnlyList<string> secrets,
        CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            using var request = createRequest();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, linked.Token).ConfigureAwait(false);
            return Classify(response, SecretText.Scrub(body, secrets), time);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"no answer within {timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex) when (ex.InnerException is PrivateTargetRefusedException refused)
        {
            return DeliveryResult.Permanent(refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return DeliveryResult.Transient("network error: " + SecretText.Scrub(ex.Message, secrets));
        }
    }

    /// <summary>The receiver's answer as a result; <paramref name="body"/> is already scrubbed.</summary>
    public static DeliveryResult Classify(HttpResponseMessage response, string body, TimeProvider time)
    {
        var status = (int)response.StatusCode;
        var detail = body.Length == 0 ? $"HTTP {status}" : $"HTTP {status}: {SecretText.Shorten(body)}";
        if (response.IsSuccessStatusCode) return DeliveryResult.Accepted(status, detail);
        return status switch
        {
            408 or 429 or >= 500 => DeliveryResult.Transient(detail, status, RetryAfter(response, time)),
            >= 300 and < 400 => DeliveryResult.Permanent(detail + " (redirects are not followed; configure the final URL)", status),
            _ => DeliveryResult.Permanent(detail, status),
        };
    }

    /// <summary>Retry-After as delta-seconds or as an HTTP-date (measured on the injected clock), never negative.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return body.Length > MaxBodyChars ? body[..MaxBodyChars] : body;
    }

    /// <summary>The primary handler: connects through <see cref="PrivateTargetGuard"/> and never follows redirects.</summary>
    public static SocketsHttpHandler CreateHandler(bool allowPrivateTargets) => new()
    {
        ConnectCallback = new PrivateTargetGuard(allowPrivateTargets).ConnectAsync,
        // A redirect could lead anywhere; the receiver's configured URL is the only target.
        AllowAutoRedirect = false,
        // A proxy would make the guard see the proxy instead of the target.
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
    };
}
