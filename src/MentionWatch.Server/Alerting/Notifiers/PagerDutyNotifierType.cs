using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Server.Alerting.Notifiers;

internal sealed class PagerDutyNotifierType : NotifierType<PagerDutyNotifierOptions>
{
    public override string Type => "pagerduty";

    protected override PagerDutyNotifierOptions? Read(NotifierSettings settings) => PagerDutyNotifierOptions.Read(settings);

    protected override IAlertNotifier Build(string name, PagerDutyNotifierOptions options, IServiceProvider services) => new PagerDutyNotifier(
        name,
        options,
        services.GetRequiredService<IHttpClientFactory>(),
        services.GetService<TimeProvider>() ?? TimeProvider.System,
        services.GetService<ILogger<PagerDutyNotifier>>() ?? NullLogger<PagerDutyNotifier>.Instance);
}
