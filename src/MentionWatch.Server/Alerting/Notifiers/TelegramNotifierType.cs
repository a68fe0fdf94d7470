using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Server.Alerting.Notifiers;

internal sealed class TelegramNotifierType : NotifierType<TelegramNotifierOptions>
{
    public override string Type => "telegram";

    protected override TelegramNotifierOptions? Read(NotifierSettings settings) => TelegramNotifierOptions.Read(settings);

    protected override IAlertNotifier Build(string name, TelegramNotifierOptions options, IServiceProvider services) => new TelegramNotifier(
        name,
        options,
        services.GetRequiredService<IHttpClientFactory>(),
        services.GetService<TimeProvider>() ?? TimeProvider.System,
        services.GetService<ILogger<TelegramNotifier>>() ?? NullLogger<TelegramNotifier>.Instance);
}
