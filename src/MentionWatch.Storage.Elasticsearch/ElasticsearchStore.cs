using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// The mention and watch store on an Elasticsearch cluster. Built with <see cref="CreateAsync"/> (or <see cref="Create"/>),
/// which validates the options, connects and creates or upgrades the indices. Guarantees (see docs/elasticsearch.md):
/// (source, externalId) is stored once; a cursor is durable no earlier than the mentions it produced; a stored mention
/// is searchable within the refresh interval.
/// </summary>
public sealed class ElasticsearchStore : IMentionStore, IWatchStore, IDisposable
{
    private readonly MentionBatchWriter _writer;
    private readonly MentionSearch _search;
    private readonly MentionAnalytics _analytics;
    private readonly CursorWriter _cursors;
    private readonly ElasticsearchWatchStore _watches;
    private ElasticsearchClientSettings? _settings;

    private ElasticsearchStore(ElasticsearchConnection connection, ElasticsearchStoreOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var names = new ElasticsearchIndexNames(options.IndexPrefix);
        Names = names;
        Connection = connection;
        Options = options;
        _cursors = new CursorWriter(connection, names, options, timeProvider);
        var arrivals = new ArrivalCounter(connection, names, timeProvider);
        var bulk = new BulkMentionWriter(connection, names, options, Statistics, timeProvider, logger);
        _writer = new MentionBatchWriter(connection, names, options, bulk, arrivals, _cursors, Statistics, new ReplyLinker(connection, names, options));
        _search = new MentionSearch(connection, names);
        _analytics = new MentionAnalytics(connection, names);
        _watches = new ElasticsearchWatchStore(connection, names);
    }

    /// <summary>Counts of stored, duplicate, dead-lettered and retried mentions since start.</summary>
    public ElasticsearchStoreStatistics Statistics { get; } = new();

    internal ElasticsearchIndexNames Names { get; }
    internal ElasticsearchConnection Connection { get; }
    internal ElasticsearchStoreOptions Options { get; }

    /// <summary>Validates, connects and prepares the indices; throws <see cref="ArgumentException"/> listing every option problem.</summary>
    public static Task<ElasticsearchStore> CreateAsync(ElasticsearchStoreOptions options, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken) =>
        CreateAsync(options, timeProvider, logger, requestInvoker: null, cancellationToken);

    /// <summary>The one-line form for composition at start (blocks while the indices are prepared).</summary>
    public static ElasticsearchStore Create(ElasticsearchStoreOptions options, TimeProvider timeProvider, ILogger logger) =>
        CreateAsync(options, timeProvider, logger, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>With a custom transport invoker: the tests' in-memory responses and the benchmark.</summary>
    internal static async Task<ElasticsearchStore> CreateAsync(ElasticsearchStoreOptions options, TimeProvider timeProvider, ILogger logger,
        IRequestInvoker? requestInvoker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException("Invalid Elasticsearch store options: " + string.Join("; ", problems), nameof(options));
        var settings = ClientSettings(options, requestInvoker);
        var store = new ElasticsearchStore(new ElasticsearchConnection(new ElasticsearchClient(settings)), options, timeProvider, logger) { _settings = settings };
        // Never the credentials: only where and how.
        ElasticsearchLog.Opened(logger,
            string.Join(", ", options.Urls.Select(u => new Uri(u)).Select(u => $"{u.Scheme}://{u.Host}:{u.Port}")),
            options.IndexPrefix, options.ApiKey is { Length: > 0 } ? "api key" : options.Username is { Length: > 0 } ? "basic" : "none");
        try
        {
            await new IndexBootstrapper(store.Connection, store.Names, options, logger).EnsureAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            store.Dispose();
            throw;
        }
        return store;
    }

    private static ElasticsearchClientSettings ClientSettings(ElasticsearchStoreOptions options, IRequestInvoker? requestInvoker)
    {
        var nodes = options.Urls.Select(u => new Uri(u)).ToList();
        NodePool pool = nodes.Count == 1 ? new SingleNodePool(nodes[0]) : new StaticNodePool(nodes);
        var settings = requestInvoker is null ? new ElasticsearchClientSettings(pool) : new ElasticsearchClientSettings(pool, requestInvoker);
        settings.RequestTimeout(TimeSpan.FromSeconds(options.RequestTimeoutSeconds));
        if (options.ApiKey is { Length: > 0 } apiKey) settings.Authentication(new ApiKey(apiKey));
        else if (options.Username is { Length: > 0 } user) settings.Authentication(new BasicAuthentication(user, options.Password ?? ""));
        if (options.CertificateFingerprint is { Length: > 0 } fingerprint) settings.CertificateFingerprint(fingerprint);
        else if (options.CaCertificatePath is { Length: > 0 } path)
            settings.ServerCertificateValidationCallback(CertificateValidations.AuthorityIsRoot(X509CertificateLoader.LoadCertificateFromFile(path)));
        return settings;
    }

    public Task<StoreBatchResult> StoreAsync(IReadOnlyList<Mention> mentions, IReadOnlyList<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        ArgumentNullException.ThrowIfNull(cursors);
        MentionValidation.Validate(mentions);
        foreach (var cursor in cursors)
            if (cursor?.SourceKey is null || cursor.Value is null) throw new ArgumentException("source cursors need a key and a value", nameof(cursors));
        if (mentions.Count == 0 && cursors.Count == 0) return Task.FromResult(new StoreBatchResult([]));
        return _writer.StoreAsync(mentions, cursors, cancellationToken);
    }

    public Task<Mention?> GetAsync(long id, CancellationToken cancellationToken) => _search.GetAsync(id, cancellationToken);

    /// <summary>Newest first (@timestamp, then id); From inclusive, To exclusive, millisecond precision.</summary>
    public Task<MentionPage> SearchAsync(MentionFilter filter, int limit, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (limit is < 1 or > MentionSearch.MaxPageSize)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"limit must be between 1 and {MentionSearch.MaxPageSize}");
        return _search.PageAsync(filter, limit, cursor, cancellationToken);
    }

    public async IAsyncEnumerable<Mention> ExportAsync(MentionFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await foreach (var mention in _search.ExportAsync(filter, cancellationToken).ConfigureAwait(false)) yield return mention;
    }

    public Task<TrendResult> TrendsAsync(TrendRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _analytics.TrendsAsync(request, cancellationToken);
    }

    public Task<IReadOnlyList<WatchVolume>> VolumeByWatchAsync(IReadOnlyList<string> watches, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watches);
        return _analytics.VolumeByWatchAsync(watches, from, to, cancellationToken);
    }

    public Task<string?> GetCursorAsync(string sourceKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceKey);
        return _cursors.ReadAsync(sourceKey, cancellationToken);
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) => _search.CountAsync(cancellationToken);

    /// <summary>At most 10,000 per call (Elasticsearch's result window); callers page by the last arrival they saw.</summary>
    public Task<IReadOnlyList<Mention>> ReadArrivedAfterAsync(long afterArrival, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 100_000) throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be between 1 and 100000");
        return _search.ArrivedAfterAsync(afterArrival, limit, cancellationToken);
    }

    public Task<long> LastArrivalAsync(CancellationToken cancellationToken) => _search.LastArrivalAsync(cancellationToken);

    public Task<IReadOnlyList<Watch>> ListWatchesAsync(CancellationToken cancellationToken) => _watches.ListWatchesAsync(cancellationToken);
    public Task<Watch?> GetWatchAsync(string name, CancellationToken cancellationToken) => _watches.GetWatchAsync(name, cancellationToken);
    public Task<bool> UpsertWatchAsync(Watch watch, CancellationToken cancellationToken) => _watches.UpsertWatchAsync(watch, cancellationToken);
    public Task<bool> DeleteWatchAsync(string name, CancellationToken cancellationToken) => _watches.DeleteWatchAsync(name, cancellationToken);

    public void Dispose()
    {
        _writer.Dispose();
        // The settings own the request invoker and with it the HTTP connections.
        (_settings as IDisposable)?.Dispose();
    }
}
