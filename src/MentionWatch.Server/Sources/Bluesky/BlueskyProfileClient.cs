using System.Text.Json;

namespace MentionWatch.Server.Sources.Bluesky;

/// <summary><c>app.bsky.actor.getProfiles</c> (up to 25 <c>actors</c>, no authentication on the public AppView): DID to handle.</summary>
internal sealed class BlueskyProfileClient(HttpClient http)
{
    public const string ProfilesPath = "xrpc/app.bsky.actor.getProfiles";

    public async Task<IReadOnlyList<(string Did, string Handle)>> HandlesAsync(IReadOnlyList<string> dids, CancellationToken cancellationToken)
    {
        var uri = ProfilesPath + "?" + string.Join('&', dids.Select(d => "actors=" + Uri.EscapeDataString(d)));
        using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new Kit.SourceApiException($"Bluesky getProfiles answered {(int)response.StatusCode}", response.StatusCode, null, permanent: false);
        using var document = JsonDocument.Parse(body);
        var found = new List<(string, string)>();
        if (!document.RootElement.TryGetProperty("profiles", out var list) || list.ValueKind != JsonValueKind.Array) throw new JsonException("profiles is missing");
        foreach (var profile in list.EnumerateArray())
        {
            if (profile.ValueKind == JsonValueKind.Object && profile.TryGetProperty("did", out var did) && did.ValueKind == JsonValueKind.String
                && profile.TryGetProperty("handle", out var handle) && handle.ValueKind == JsonValueKind.String)
                found.Add((did.GetString()!, handle.GetString()!));
        }

        return found;
    }
}
