using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Core.Watches;
using MentionWatch.Server.Configuration;
using MentionWatch.Server.Health;
using MentionWatch.Server.Pipeline;
using MentionWatch.Server.Storage;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Hosting;

/// <summary>
/// Runs before the pipeline and the sources start: loads the models, opens the store, loads the per-watch adaptations, checks the configured
/// watches (every problem listed), adds the ones the store does not have yet, and loads the watch matcher.
/// </summary>
internal sealed partial class StartupInitializer(
    IWatchStore watches, IMentionQueries mentions, IMentionWriter writer, ISourceCursorStore cursors, WatchCatalog catalog, StoreReadiness readiness, ModelMentionClassifier classifier,
    IConfiguration configuration, IOptions<StorageOptions> storage, Support.TeamRouter teams, Adaptation.WatchAdaptationService adaptations,
    ILogger<StartupInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LogConfiguration(ConfigurationReport.Describe(configuration), Path.GetFullPath(storage.Value.Path));
        // Numbered children are watches; Watches:RematchDays and friends are settings beside them.
        var configured = configuration.GetSection("Watches").GetChildren().Where(c => int.TryParse(c.Key, out _))
            .Select(c => c.Get<WatchConfig>() ?? new WatchConfig()).ToList();
        var valid = new List<Watch>();
        var problems = new List<string>();
        for (var i = 0; i < configured.Count; i++)
        {
            var c = configured[i];
            var (watch, found) = WatchValidation.Validate(new WatchDraft(c.Name, c.Query, c.OwnHandles, c.Competitors, c.Noise?.ToNoise()));
            if (watch is not null) valid.Add(watch);
            else problems.Add($"Watches:{i} ({c.Name}): " + string.Join(" ", found.Select(p => p.QueryError is { } q ? $"query: {q.Message} (at position {q.Position}, expected {q.Expected})" : p.Message)));
        }
        problems.AddRange(teams.Problems);
        if (problems.Count > 0) throw new OptionsValidationException("Watches", typeof(WatchConfig), problems);

        classifier.Load();
        var count = await mentions.CountAsync(cancellationToken);
        readiness.MarkOpen();
        // Before the pipeline starts, so a restart scores an adapted watch's first mention with its adaptation.
        await adaptations.LoadAsync(cancellationToken);
        foreach (var watch in valid) await SeedOnceAsync(watch, cancellationToken);
        await catalog.ReloadAsync(cancellationToken);
        LogReady(count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Configuration seeds a watch once; after that the API owns it, so a watch changed or deleted through the API stays that way
    /// across restarts. The "seeded" marker is kept as a source cursor: it is the configuration source's resume state.
    /// </summary>
    private async Task SeedOnceAsync(Watch watch, CancellationToken cancellationToken)
    {
        var marker = SeededMarker(watch.Name);
        if (await cursors.GetCursorAsync(marker, cancellationToken) is not null) return;
        if (await watches.GetWatchAsync(watch.Name, cancellationToken) is null)
        {
            await watches.UpsertWatchAsync(watch, cancellationToken);
            LogSeeded(watch.Name);
        }
        await writer.StoreAsync([], [new SourceCursor(marker, "seeded")], cancellationToken);
    }

    internal static string SeededMarker(string watchName) => "config:watch:" + watchName.ToLowerInvariant();

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration read from {ConfigurationSources}; store directory {StorePath}")]
    private partial void LogConfiguration(string configurationSources, string storePath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch {Watch} added from configuration")]
    private partial void LogSeeded(string watch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store open with {MentionCount} mentions")]
    private partial void LogReady(long mentionCount);
}
