namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// The indices of the service's own state (alerting, audit, campaigns, adaptations), beside the mention indices in
/// <see cref="ElasticsearchIndexNames"/> and derived from the same prefix. None ends in "-mentions", so a pattern
/// for the mentions data stream never matches them.
/// </summary>
internal static class StateIndexNames
{
    extension(ElasticsearchIndexNames names)
    {
        public string Alerts => names.Prefix + "-alerts";
        public string AlertMentionLinks => names.Prefix + "-alert-mention-links";
        public string Deliveries => names.Prefix + "-alert-deliveries";
        public string DeliveryAttempts => names.Prefix + "-alert-delivery-attempts";
        public string AlertRules => names.Prefix + "-alert-rules";
        public string Audit => names.Prefix + "-audit";
        public string Campaigns => names.Prefix + "-campaigns";
        public string WatchAdaptations => names.Prefix + "-watch-adaptations";
    }
}
