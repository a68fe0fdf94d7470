using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Server.Alerting.Notifiers;

internal sealed class SlackNotifierType : NotifierType<SlackNotifierOptions>
{
    public override string Type => "slack";

    protected override SlackNotifierOptions? Read(NotifierSettings settings) => SlackNotifierOptions.Read(settings);

    protected override IAlertNotifier Build(string name, SlackNotifierOptions options, IServiceProvider services) => new SlackNotifier(
        name,
        options,
        services.GetRequiredService<IHttpClientFactory>(),
        services.GetService<TimeProvider>() ?? TimeProvider.System,
        services.GetService<ILogger<SlackNotifier>>() ?? NullLogger<SlackNotifier>.Instance);
}
