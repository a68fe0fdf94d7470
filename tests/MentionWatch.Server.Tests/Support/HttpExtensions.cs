using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MentionWatch.Server.Tests.Support;

internal static class HttpExtensions
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json, string mediaType = "application/json") =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, mediaType));

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, string json) =>
        client.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<JsonNode> IngestOkAsync(this HttpClient client, JsonArray posts)
    {
        using var response = await client.PostJsonAsync("/api/v1/ingest", posts.ToJsonString());
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonNode.Parse(body)!;
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"GET {path}: {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>Asserts a ProblemDetails response with the status and a detail mentioning <paramref name="detailContains"/>.</summary>
    public static async Task<JsonNode> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        var problem = JsonNode.Parse(body)!;
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo((int)status));
        Assert.That(problem["detail"]?.GetValue<string>() ?? "", Does.Contain(detailContains).IgnoreCase, body);
        return problem;
    }

    public static async Task<long> CountAsync(this HttpClient client, string query = "")
    {
        long count = 0;
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync($"/api/v1/mentions?limit=1000{query}{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            count += page["items"]!.AsArray().Count;
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return count;
    }

    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);

    public static async Task<T> ReadAsAsync<T>(this HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<T>(Web))!;
}
