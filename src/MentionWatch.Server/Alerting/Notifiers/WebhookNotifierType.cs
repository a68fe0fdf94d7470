using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Server.Alerting.Notifiers;

internal sealed class WebhookNotifierType : NotifierType<WebhookNotifierOptions>
{
    public override string Type => "webhook";

    protected override WebhookNotifierOptions? Read(NotifierSettings settings) => WebhookNotifierOptions.Read(settings);

    protected override IAlertNotifier Build(string name, WebhookNotifierOptions options, IServiceProvider services) => new WebhookNotifier(
        name,
        options,
        services.GetRequiredService<IHttpClientFactory>(),
        services.GetService<TimeProvider>() ?? TimeProvider.System,
        services.GetService<ILogger<WebhookNotifier>>() ?? NullLogger<WebhookNotifier>.Instance);
}
