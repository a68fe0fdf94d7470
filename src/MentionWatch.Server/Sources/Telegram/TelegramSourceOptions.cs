using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using MentionWatch.Server.Sources.Kit;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Telegram;

/// <summary>Configuration section <c>Sources:Telegram</c>: public channels read from their web preview (<c>t.me/s/{channel}</c>).</summary>
public sealed class TelegramSourceOptions : HttpSourceOptions
{
    public const string SectionName = "Sources:Telegram";

    /// <summary>Channel usernames (<c>Sources:Telegram:Channels:0=durov</c>); the source is disabled without any.</summary>
    public List<string> Channels { get; set; } = [];

    [Required]
    public string BaseUrl { get; set; } = "https://t.me";

    [Range(60, 86_400)]
    public int PollIntervalSeconds { get; set; } = 600;

    /// <summary>Pages (about 20 posts each) followed back with <c>?before=</c> per poll.</summary>
    [Range(1, 50)]
    public int MaxPagesPerRun { get; set; } = 5;

    protected internal override string ResilienceName => "telegram";
}

internal sealed partial class TelegramSourceOptionsValidator(SourceNetworkPolicy policy) : IValidateOptions<TelegramSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramSourceOptions options)
    {
        const string S = TelegramSourceOptions.SectionName;
        var failures = new List<string>();
        SourceOptionsChecks.Url(failures, $"{S}:BaseUrl", options.BaseUrl, policy);
        for (var i = 0; i < options.Channels.Count; i++)
        {
            if (!ChannelName().IsMatch(options.Channels[i] ?? "")) failures.Add($"{S}:Channels:{i} must be a channel username (5-32 letters, digits or _), got '{options.Channels[i]}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{4,31}$")]
    private static partial Regex ChannelName();
}
