using MentionWatch.Server.Configuration;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Auth;

internal static class AuthServiceCollectionExtensions
{
    /// <summary>API keys and dashboard sessions (<c>Auth</c>, every problem listed at start) and the failed-key throttle.</summary>
    public static IServiceCollection AddMentionWatchAuth(this IServiceCollection services)
    {
        services.AddValidatedOptions<AuthOptions>(AuthOptions.Section);
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<ApiKeyRing>();
        services.AddSingleton<ApiKeyFilter>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<FailedAuthThrottle>();
        return services;
    }
}
