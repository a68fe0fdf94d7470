using System.ComponentModel.DataAnnotations;
using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Kit.Streaming;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Bluesky;

/// <summary>Configuration section <c>Sources:Bluesky</c>: the Jetstream firehose, filtered locally, and search backfill for new watches.</summary>
public sealed class BlueskySourceOptions : HttpSourceOptions
{
    public const string SectionName = "Sources:Bluesky";

    public bool Enabled { get; set; }

    /// <summary>Jetstream instance (ws or wss); <c>/subscribe</c> is appended.</summary>
    [Required]
    public string JetstreamUrl { get; set; } = "wss://jetstream2.us-east.bsky.network";

    /// <summary>XRPC root for <c>com.atproto.server.createSession</c> and <c>app.bsky.feed.searchPosts</c>.</summary>
    [Required]
    public string BaseUrl { get; set; } = "https://bsky.social";

    /// <summary>XRPC root answering <c>app.bsky.actor.getProfiles</c> without authentication (the public AppView).</summary>
    [Required]
    public string ProfilesUrl { get; set; } = "https://public.api.bsky.app";

    /// <summary>Jetstream names authors by DID; true looks their handles up (cached) before posts are stored.</summary>
    public bool ResolveHandles { get; set; } = true;

    /// <summary>How long a batch waits for handle lookups at most; posts whose handle is not found in time keep their DID.</summary>
    [Range(50, 10_000)]
    public int HandleLookupTimeoutMilliseconds { get; set; } = 800;

    /// <summary>Handle or e-mail of the account whose app password is used for search (backfill); optional.</summary>
    public string? Identifier { get; set; }

    /// <summary>An app password (Settings, App passwords), never the account password.</summary>
    public string? AppPassword { get; set; }

    /// <summary>A cursor is stored with every batch of posts, and at least this often while nothing matches.</summary>
    [Range(1, 3_600)]
    public int CursorCommitSeconds { get; set; } = 5;

    /// <summary>How far back a new watch is searched.</summary>
    [Range(1, 24 * 30)]
    public int BackfillHours { get; set; } = 24;

    /// <summary>Search pages (100 posts each) per term of a new watch.</summary>
    [Range(1, 100)]
    public int BackfillMaxPages { get; set; } = 5;

    /// <summary>How often the watch list is checked for watches not yet backfilled.</summary>
    [Range(10, 86_400)]
    public int BackfillCheckSeconds { get; set; } = 60;

    [Range(1_024, 16 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    public StreamingOptions Streaming { get; set; } = new();

    public bool CanSearch => !string.IsNullOrWhiteSpace(Identifier) && !string.IsNullOrWhiteSpace(AppPassword);

    protected internal override string ResilienceName => "bluesky";

    public override string ToString() => $"BlueskySourceOptions(JetstreamUrl={JetstreamUrl}, Identifier={Identifier}, AppPassword={(CanSearch ? "***" : "<none>")})";
}

internal sealed class BlueskySourceOptionsValidator(SourceNetworkPolicy policy) : IValidateOptions<BlueskySourceOptions>
{
    public ValidateOptionsResult Validate(string? name, BlueskySourceOptions options)
    {
        const string S = BlueskySourceOptions.SectionName;
        var failures = new List<string>();
        SourceOptionsChecks.WebSocketUrl(failures, $"{S}:JetstreamUrl", options.JetstreamUrl, policy);
        SourceOptionsChecks.Url(failures, $"{S}:BaseUrl", options.BaseUrl, policy);
        if (options.ResolveHandles) SourceOptionsChecks.Url(failures, $"{S}:ProfilesUrl", options.ProfilesUrl, policy);
        if (string.IsNullOrWhiteSpace(options.Identifier) != string.IsNullOrWhiteSpace(options.AppPassword))
        {
            failures.Add($"{S}:Identifier and {S}:AppPassword must be set together.");
        }

        SourceOptionsChecks.Trimmed(failures, $"{S}:AppPassword", options.AppPassword);
        SourceOptionsChecks.Annotations(failures, $"{S}:Streaming", options.Streaming);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
