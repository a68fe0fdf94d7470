namespace MentionWatch.Storage.Elasticsearch;

/// <summary>Every name the store creates in the cluster, derived from one prefix so installations can share a cluster.</summary>
internal sealed record ElasticsearchIndexNames(string Prefix)
{
    /// <summary>The mentions data stream (and the name of its index template and ILM policy).</summary>
    public string Mentions => Prefix + "-mentions";
    public string Watches => Prefix + "-watches";
    public string Cursors => Prefix + "-cursors";
    /// <summary>Small documents the store keeps for itself, such as the arrival counter.</summary>
    public string State => Prefix + "-state";
    public string DeadLetters => Prefix + "-dead-letters";

    // Support state (triage, corrections, identities, brand replies): documents of their own beside the mention fields.
    public string TriageHistory => Prefix + "-triage-history";
    public string Corrections => Prefix + "-corrections";
    public string AuthorLinks => Prefix + "-author-links";
    public string ReplyLinks => Prefix + "-reply-links";
}
