using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MentionWatch.Server.Sources.Kit;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Reddit;

/// <summary>
/// Application-only OAuth: exchanges the client id and secret (HTTP Basic) for a bearer token with
/// <c>grant_type=client_credentials</c>, caches it until a minute before it expires, and forgets it on request
/// (after a 401). Rejected credentials are a permanent failure.
/// </summary>
internal sealed class RedditTokenClient(HttpClient http, HttpSourceResilience<RedditSourceOptions> resilience, IOptions<RedditSourceOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _token;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } cached && cached.ExpiresAt > time.GetUtcNow()) return cached.Token;
            var fresh = await RequestAsync(cancellationToken).ConfigureAwait(false);
            _token = fresh;
            return fresh.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate() => _token = null;

    private async Task<(string Token, DateTimeOffset ExpiresAt)> RequestAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var response = await resilience.Pipeline.ExecuteAsync(
            async ct =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(o.TokenUrl));
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.ClientId}:{o.ClientSecret}")));
                request.Headers.TryAddWithoutValidation("User-Agent", o.UserAgent);
                request.Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]);
                return await http.SendAsync(request, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new SourceApiException(
                $"Reddit refused the app credentials ({(int)response.StatusCode}); check Sources:Reddit:ClientId and Sources:Reddit:ClientSecret", response.StatusCode);
        }

        if (!response.IsSuccessStatusCode) throw new SourceApiException($"Reddit token endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}", response.StatusCode);
        RedditTokenDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(body, RedditJsonContext.Default.RedditTokenDto);
        }
        catch (JsonException ex)
        {
            throw new SourceApiException($"Reddit token endpoint returned something that is not JSON ({ex.Message})", null, ex);
        }

        if (string.IsNullOrEmpty(dto?.AccessToken))
        {
            // e.g. {"error": "invalid_grant"} with status 200: credentials that can never work.
            throw new SourceApiException($"Reddit issued no access token ({dto?.Error ?? "no error given"}); check Sources:Reddit:ClientId and ClientSecret", null, permanent: true);
        }

        var lifetime = TimeSpan.FromSeconds(Math.Max(60, dto.ExpiresIn ?? 3600));
        return (dto.AccessToken, time.GetUtcNow() + lifetime - TimeSpan.FromSeconds(60));
    }
}
