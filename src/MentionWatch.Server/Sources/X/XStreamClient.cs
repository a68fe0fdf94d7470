using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MentionWatch.Server.Sources.Kit;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.X;

/// <summary>A filtered stream rule: its id (null before it is added), value and tag (the watch name).</summary>
internal sealed record XStreamRule(string? Id, string Value, string Tag);

/// <summary>X's stream answered an HTTP error; the status decides the reconnect backoff.</summary>
internal sealed class XStreamHttpException(string message, HttpStatusCode status) : SourceApiException(message, status);

/// <summary>Typed HttpClient for <c>/2/tweets/search/stream/rules</c> (through the resilience pipeline) and the stream itself (not: it never ends).</summary>
internal sealed class XStreamClient(HttpClient http, HttpSourceResilience<XSourceOptions> resilience, IOptions<XSourceOptions> options)
{
    public const string RulesPath = "2/tweets/search/stream/rules";
    public const string StreamPath = "2/tweets/search/stream";
    private const string Fields = "expansions=author_id&tweet.fields=created_at,lang,author_id,conversation_id,referenced_tweets,in_reply_to_user_id,public_metrics&user.fields=username,name,public_metrics";

    public async Task<IReadOnlyList<XStreamRule>> GetRulesAsync(CancellationToken ct)
    {
        var body = await SendAsync(HttpMethod.Get, RulesPath, null, ct).ConfigureAwait(false);
        try
        {
            var root = JsonNode.Parse(body);
            return (root?["data"] as JsonArray ?? []).Select(r => new XStreamRule((string?)r?["id"], (string?)r?["value"] ?? "", (string?)r?["tag"] ?? "")).ToList();
        }
        catch (JsonException ex)
        {
            throw new XApiException($"X returned stream rules that are not JSON ({ex.Message})", null, ex);
        }
    }

    public Task AddRulesAsync(IEnumerable<XStreamRule> rules, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, RulesPath, new JsonObject { ["add"] = new JsonArray(rules.Select(r => (JsonNode)new JsonObject { ["value"] = r.Value, ["tag"] = r.Tag }).ToArray()) }, ct);

    public Task DeleteRulesAsync(IEnumerable<string> ids, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, RulesPath, new JsonObject { ["delete"] = new JsonObject { ["ids"] = new JsonArray(ids.Select(i => (JsonNode)i).ToArray()) } }, ct);

    /// <summary>Opens the stream; the caller reads and disposes the response.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, StreamPath + "?" + Fields);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw new XStreamHttpException($"X filtered stream answered {(int)response.StatusCode} {response.ReasonPhrase}: {(body.Length > 300 ? body[..300] : body)}".TrimEnd(' ', ':'), response.StatusCode);
        }
    }

    private async Task<string> SendAsync(HttpMethod method, string path, JsonObject? json, CancellationToken ct)
    {
        using var response = await resilience.Pipeline.ExecuteAsync(async t =>
        {
            using var request = Request(method, path);
            if (json is not null) request.Content = JsonContent.Create(json);
            return await http.SendAsync(request, t).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw new XApiException($"X stream rules answered {(int)response.StatusCode} {response.ReasonPhrase}: {(body.Length > 300 ? body[..300] : body)}", response.StatusCode);
        return body;
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.BearerToken);
        return request;
    }
}
