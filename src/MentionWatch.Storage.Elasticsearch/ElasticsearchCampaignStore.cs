using System.Text.Json;
using System.Text.Json.Nodes;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Campaigns as documents of the campaigns index, one per name; the id is the lower-case name, because names ignore
/// case as on SQLite. Writes wait for a refresh: campaigns change rarely and are listed right after a change.
/// </summary>
public sealed class ElasticsearchCampaignStore : ICampaignStore
{
    private readonly StateRequests _requests;
    private readonly string _index;

    public ElasticsearchCampaignStore(ElasticsearchStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _requests = new StateRequests(store.Connection);
        _index = store.Names.Campaigns;
    }

    public Task<bool> UpsertCampaignAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var document = new JsonObject
        {
            ["name"] = campaign.Name,
            ["watches"] = new JsonArray(campaign.Watches.Select(w => (JsonNode)w).ToArray()),
            ["start"] = campaign.Start.ToUnixTimeMilliseconds(),
            ["end"] = campaign.End.ToUnixTimeMilliseconds(),
        };
        return _requests.PutAsync(_index, campaign.Name.ToLowerInvariant(), document, waitForRefresh: true, "saving a campaign", cancellationToken);
    }

    /// <summary>By start, then name.</summary>
    public async Task<IReadOnlyList<Campaign>> ListCampaignsAsync(CancellationToken cancellationToken)
    {
        var campaigns = new List<Campaign>();
        await foreach (var source in _requests.SearchAllAsync(_index, new JsonObject { ["match_all"] = new JsonObject() },
                           StateRequests.Sort(("start", "asc"), ("name", "asc")), "listing campaigns", cancellationToken).ConfigureAwait(false))
            campaigns.Add(Read(source));
        return campaigns;
    }

    public Task<bool> DeleteCampaignAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _requests.DeleteAsync(_index, name.ToLowerInvariant(), "deleting a campaign", cancellationToken);
    }

    private static Campaign Read(JsonElement s) => new(
        s.GetProperty("name").GetString()!, s.GetProperty("watches").EnumerateArray().Select(w => w.GetString()!).ToList(),
        DateTimeOffset.FromUnixTimeMilliseconds(s.GetProperty("start").GetInt64()), DateTimeOffset.FromUnixTimeMilliseconds(s.GetProperty("end").GetInt64()));
}
