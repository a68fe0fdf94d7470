using System.Reflection;
using System.Text.Json.Nodes;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// The index definitions shipped in deploy/elasticsearch (embedded at build time), with the few values that depend on
/// the options (names, refresh interval, retention) set in code. deploy/ holds the same JSON with the defaults.
/// </summary>
internal static class IndexDefinitions
{
    /// <summary>Bumped whenever a definition changes; stored in each template's version and _meta.</summary>
    public const int Version = 2;

    public static JsonObject IlmPolicy(ElasticsearchStoreOptions options)
    {
        var policy = Load("mentions-ilm-policy.json");
        var phases = policy["policy"]!["phases"]!.AsObject();
        if (options.RetentionDays > 0) phases["delete"]!["min_age"] = options.RetentionDays + "d";
        else phases.Remove("delete");
        return policy;
    }

    public static JsonObject MentionsTemplate(ElasticsearchIndexNames names, ElasticsearchStoreOptions options)
    {
        var template = Load("mentions-index-template.json");
        template["index_patterns"] = new JsonArray(names.Mentions + "*");
        var index = template["template"]!["settings"]!["index"]!;
        index["refresh_interval"] = options.RefreshInterval;
        index["lifecycle"]!["name"] = names.Mentions;
        return template;
    }

    public static JsonObject Watches() => Load("watches-index.json");
    public static JsonObject Cursors() => Load("cursors-index.json");
    public static JsonObject State() => Load("state-index.json");
    public static JsonObject DeadLetters() => Load("dead-letter-index.json");

    /// <summary>The state indices (alerting, audit, campaigns, adaptations, support), each with its deploy/ definition, in creation order.</summary>
    public static IReadOnlyList<(string Index, JsonObject Definition)> StateIndices(ElasticsearchIndexNames names) =>
    [
        (names.Alerts, Load("alerts-index.json")),
        (names.AlertMentionLinks, Load("alert-mention-links-index.json")),
        (names.Deliveries, Load("alert-deliveries-index.json")),
        (names.DeliveryAttempts, Load("alert-delivery-attempts-index.json")),
        (names.AlertRules, Load("alert-rules-index.json")),
        (names.Audit, Load("audit-index.json")),
        (names.Campaigns, Load("campaigns-index.json")),
        (names.WatchAdaptations, Load("watch-adaptations-index.json")),
        // Support state.
        (names.TriageHistory, Load("triage-history-index.json")),
        (names.Corrections, Load("corrections-index.json")),
        (names.AuthorLinks, Load("author-links-index.json")),
        (names.ReplyLinks, Load("reply-links-index.json")),
    ];

    /// <summary>Compact JSON with non-ASCII text kept as is (ё stays ё), as the store sends it.</summary>
    public static string ToJson(JsonNode node) => node.ToJsonString(JsonOptions);

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject Load(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MentionWatch.Elasticsearch." + file)
            ?? throw new InvalidOperationException($"embedded index definition {file} is missing from the build");
        return JsonNode.Parse(stream)!.AsObject();
    }
}
