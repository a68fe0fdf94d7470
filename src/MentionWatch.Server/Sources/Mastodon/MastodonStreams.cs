using MentionWatch.Core.Storage;
using MentionWatch.Server.Pipeline;
using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Kit.Streaming;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Mastodon;

/// <summary>Starts one <see cref="StreamingSourceHost{TSource}"/> per configured instance (each its own cursor and /sources entry) and stops them with the host.</summary>
internal sealed class MastodonStreams(
    IOptions<MastodonSourceOptions> options, IHttpClientFactory clients, HttpSourceResilience<MastodonSourceOptions> resilience,
    IWatchStore watches, LocalWatchFilter filter, ISourceCursorStore cursorStore, IMentionPipeline pipeline, SourceStatusRegistry statuses,
    TimeProvider time, ILoggerFactory loggers) : IHostedService
{
    public const string ClientName = "mastodon";
    private readonly List<StreamingSourceHost<MastodonInstanceStream>> _hosts = [];

    public IReadOnlyList<StreamingSourceHost<MastodonInstanceStream>> Hosts => _hosts;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.Instances.Count == 0)
        {
            statuses.RegisterDisabled(MastodonStatuses.SourceName, "no instances configured (Sources:Mastodon:Instances:<n>:Url)");
            return;
        }

        foreach (var instance in o.Instances)
        {
            var logger = loggers.CreateLogger<MastodonInstanceStream>();
            var source = new MastodonInstanceStream(instance, o, clients.CreateClient(ClientName), resilience, watches, filter, time, logger);
            var host = new StreamingSourceHost<MastodonInstanceStream>(source, cursorStore, pipeline, statuses, time, loggers.CreateLogger<StreamingSourceHost<MastodonInstanceStream>>());
            _hosts.Add(host);
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var host in _hosts) await host.StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (var host in _hosts) host.Dispose();
    }
}
