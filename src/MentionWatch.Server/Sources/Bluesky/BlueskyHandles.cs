using System.Collections.Concurrent;
using System.Text.Json;
using MentionWatch.Core.Domain;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Bluesky;

/// <summary>
/// Jetstream names a post's author by DID only; agents, own-handle matching (a brand's replies) and customer history
/// need the handle. Handles are learned for free from Jetstream's identity events and search results, and the rest
/// are looked up in batches of 25 with <c>app.bsky.actor.getProfiles</c> on the public AppView, bounded by
/// <see cref="BlueskySourceOptions.HandleLookupTimeoutMilliseconds"/> so a page is never held up for long: a post whose
/// handle is not known in time keeps its DID. After a failed lookup, lookups pause for a minute instead of slowing
/// every batch while the AppView is down.
/// </summary>
internal sealed partial class BlueskyHandles(
    BlueskyProfileClient profiles, IOptions<BlueskySourceOptions> options, TimeProvider time, ILogger<BlueskyHandles> logger)
{
    private const int MaxRemembered = 200_000;
    private const int ProfilesPerRequest = 25;
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, string> _byDid = new(StringComparer.Ordinal);
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public int Known => _byDid.Count;

    public void Learn(string did, string? handle)
    {
        if (!IsUsable(handle)) return;
        // A full table is dropped rather than evicted one by one: handles are re-learned cheaply, memory stays bounded.
        if (_byDid.Count >= MaxRemembered) _byDid.Clear();
        _byDid[did] = handle!.ToLowerInvariant();
    }

    /// <summary>The posts with their authors' handles where known or found in time; the others unchanged.</summary>
    public async Task<List<Post>> WithHandlesAsync(List<Post> posts, CancellationToken cancellationToken)
    {
        if (posts.Count == 0) return posts;
        if (options.Value.ResolveHandles && time.GetUtcNow() >= _pausedUntil)
        {
            var unknown = posts.Select(p => p.Author.Id).OfType<string>().Where(d => d.StartsWith("did:", StringComparison.Ordinal) && !_byDid.ContainsKey(d))
                .Distinct(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0) await LookUpAsync(unknown, cancellationToken).ConfigureAwait(false);
        }

        for (var i = 0; i < posts.Count; i++)
        {
            var post = posts[i];
            if (post.Author.Id is { } did && post.Author.Handle == did && _byDid.TryGetValue(did, out var handle))
                posts[i] = post with { Author = post.Author with { Handle = handle }, Url = post.Url?.Replace($"/profile/{did}/", $"/profile/{handle}/", StringComparison.Ordinal) };
        }

        return posts;
    }

    private async Task LookUpAsync(List<string> dids, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMilliseconds(options.Value.HandleLookupTimeoutMilliseconds));
        try
        {
            var lookups = dids.Chunk(ProfilesPerRequest).Select(chunk => profiles.HandlesAsync(chunk, deadline.Token));
            foreach (var found in await Task.WhenAll(lookups).ConfigureAwait(false))
                foreach (var (did, handle) in found) Learn(did, handle);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException or JsonException or Kit.SourceApiException)
        {
            _pausedUntil = time.GetUtcNow() + PauseAfterFailure;
            LogLookupFailed(dids.Count, ex.Message);
        }
    }

    private static bool IsUsable(string? handle) =>
        !string.IsNullOrWhiteSpace(handle) && !handle.Equals("handle.invalid", StringComparison.OrdinalIgnoreCase) && !handle.StartsWith("did:", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "bluesky handle lookup for {DidCount} authors failed ({Reason}); posts keep their DIDs, lookups pause for a minute")]
    private partial void LogLookupFailed(int didCount, string reason);
}
