using System.Text.RegularExpressions;

namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>
/// <c>type: telegram</c>: <c>BotToken</c> (secret, <c>123456:ABC...</c>), <c>ChatId</c> (a number or <c>@channel</c>),
/// <c>BaseUrl</c> (https://api.telegram.org), <c>TimeoutSeconds</c> (10).
/// </summary>
internal sealed partial record TelegramNotifierOptions(string BotToken, string ChatId, Uri BaseUrl, TimeSpan Timeout)
{
    public const string DefaultBaseUrl = "https://api.telegram.org";

    public static TelegramNotifierOptions? Read(NotifierSettings s)
    {
        var token = s.String("BotToken", required: true);
        if (token is not null && !TokenShape().IsMatch(token))
        {
            s.Problem("BotToken", "must look like '<bot id>:<secret>' as BotFather gives it.");
        }

        var chat = s.String("ChatId", required: true);
        if (chat is not null && !long.TryParse(chat, out _) && !ChannelShape().IsMatch(chat))
        {
            s.Problem("ChatId", "must be a numeric chat id or an @channel username.");
        }

        var baseUrl = s.Url("BaseUrl", defaultValue: DefaultBaseUrl);
        var timeout = s.Timeout(10);
        return s.IsValid ? new TelegramNotifierOptions(token!, chat!, baseUrl!, timeout) : null;
    }

    [GeneratedRegex(@"^\d+:[A-Za-z0-9_-]+$")]
    private static partial Regex TokenShape();

    [GeneratedRegex(@"^@[A-Za-z0-9_]{4,}$")]
    private static partial Regex ChannelShape();
}
