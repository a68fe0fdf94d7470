using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Creates or upgrades everything the store needs, idempotently, at start: the ILM policy, the mentions index
/// template (its <c>version</c> and <c>_meta.version</c> say which definition is installed), the mentions data stream,
/// and the small plain indices. A PUT of the same policy or template is a no-op for Elasticsearch; an index or data
/// stream that exists is kept and only its mapping is extended, so a restart never loses data. A changed template
/// applies to the next backing index (after rollover); mapping additions apply at once.
/// </summary>
internal sealed class IndexBootstrapper(ElasticsearchConnection connection, ElasticsearchIndexNames names, ElasticsearchStoreOptions options, ILogger logger)
{
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var version = await connection.VerifyElasticsearchAsync(cancellationToken).ConfigureAwait(false);
        ElasticsearchLog.Connected(logger, version);
        await PutAsync($"/_ilm/policy/{names.Mentions}", IndexDefinitions.IlmPolicy(options), "the mentions ILM policy", cancellationToken).ConfigureAwait(false);
        await PutAsync($"/_index_template/{names.Mentions}", IndexDefinitions.MentionsTemplate(names, options), "the mentions index template", cancellationToken)
            .ConfigureAwait(false);
        if (!await CreateIfMissingAsync($"/_data_stream/{names.Mentions}", null, "the mentions data stream", cancellationToken).ConfigureAwait(false))
            await ExtendMentionMappingAsync(cancellationToken).ConfigureAwait(false);
        await EnsurePlainIndexAsync(names.Watches, IndexDefinitions.Watches(), cancellationToken).ConfigureAwait(false);
        await EnsurePlainIndexAsync(names.Cursors, IndexDefinitions.Cursors(), cancellationToken).ConfigureAwait(false);
        await EnsurePlainIndexAsync(names.State, IndexDefinitions.State(), cancellationToken).ConfigureAwait(false);
        await EnsurePlainIndexAsync(names.DeadLetters, IndexDefinitions.DeadLetters(), cancellationToken).ConfigureAwait(false);
        await EnsureStateIndicesAsync(cancellationToken).ConfigureAwait(false);
        ElasticsearchLog.IndicesReady(logger, IndexDefinitions.Version, options.IndexPrefix);
    }

    /// <summary>Alert state, outbox, audit, campaigns, adaptations and support state: plain indices, created or extended like the others.</summary>
    private async Task EnsureStateIndicesAsync(CancellationToken cancellationToken)
    {
        foreach (var (index, definition) in IndexDefinitions.StateIndices(names))
            await EnsurePlainIndexAsync(index, definition, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A data stream that existed keeps its backing indices' mappings until rollover; the support fields are updated in
    /// place on existing mentions (dynamic: strict), so the template's mapping is added to every backing index now.
    /// </summary>
    private Task ExtendMentionMappingAsync(CancellationToken cancellationToken)
    {
        var mappings = IndexDefinitions.MentionsTemplate(names, options)["template"]!["mappings"]!.DeepClone().AsObject();
        return PutAsync($"/{names.Mentions}/_mapping", mappings, "the mapping of the mentions data stream", cancellationToken);
    }

    private async Task EnsurePlainIndexAsync(string index, JsonObject definition, CancellationToken cancellationToken)
    {
        if (await CreateIfMissingAsync("/" + index, definition, "index " + index, cancellationToken).ConfigureAwait(false)) return;
        // It existed: extend its mapping to this version's (adding fields is allowed; changing one fails loudly).
        await PutAsync($"/{index}/_mapping", definition["mappings"]!.DeepClone().AsObject(), "the mapping of " + index, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when it was created, false when it already existed.</summary>
    private async Task<bool> CreateIfMissingAsync(string path, JsonObject? body, string what, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(HttpMethod.PUT, path, body is null ? null : IndexDefinitions.ToJson(body), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == 400 && response.ErrorType == "resource_already_exists_exception") return false;
        ElasticsearchConnection.EnsureSuccess(response, "creating " + what);
        return true;
    }

    private async Task PutAsync(string path, JsonObject body, string what, CancellationToken cancellationToken)
    {
        var response = await connection.SendAsync(HttpMethod.PUT, path, IndexDefinitions.ToJson(body), cancellationToken).ConfigureAwait(false);
        ElasticsearchConnection.EnsureSuccess(response, "installing " + what);
    }
}
