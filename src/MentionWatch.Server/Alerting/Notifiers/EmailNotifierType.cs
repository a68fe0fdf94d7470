using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentionWatch.Server.Alerting.Notifiers;

internal sealed class EmailNotifierType : NotifierType<EmailNotifierOptions>
{
    public override string Type => "email";

    protected override EmailNotifierOptions? Read(NotifierSettings settings) => EmailNotifierOptions.Read(settings);

    protected override IAlertNotifier Build(string name, EmailNotifierOptions options, IServiceProvider services)
    {
        var allow = services.GetService<IConfiguration>()?.GetValue(PrivateTargetGuard.AllowKey, false) ?? false;
        return new EmailNotifier(
            name,
            options,
            new PrivateTargetGuard(allow),
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetService<ILogger<EmailNotifier>>() ?? NullLogger<EmailNotifier>.Instance);
    }
}
