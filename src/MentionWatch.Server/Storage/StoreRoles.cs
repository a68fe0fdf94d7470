using MentionWatch.Core.Storage;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Storage;

/// <summary>The store contracts the service resolves, and helpers that register them the same way for every backend.</summary>
public static class StoreRoles
{
    /// <summary>Every role a provider registers; a test resolves each one from whichever provider is chosen.</summary>
    public static IReadOnlyList<Type> All { get; } =
    [
        typeof(IMentionStore), typeof(IMentionWriter), typeof(IMentionQueries), typeof(ISourceCursorStore), typeof(IWatchStore),
        typeof(IAlertStore), typeof(ISupportStore), typeof(ILabelCorrectionStore), typeof(IAuthorStore), typeof(ICampaignStore),
        typeof(IWatchRetagStore), typeof(IAuditLog), typeof(IRetentionStore), typeof(IWatchAdaptationStore), typeof(IComplaintTermsQuery),
    ];

    /// <summary>The mention roles (composite, writer, queries, cursors), all answered by one <typeparamref name="TStore"/> singleton.</summary>
    public static IServiceCollection AddMentionStoreRoles<TStore>(this IServiceCollection services, Func<IServiceProvider, TStore> factory)
        where TStore : class, IMentionStore
    {
        services.AddSingleton(factory);
        services.AddSingleton<IMentionStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IMentionWriter>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IMentionQueries>(sp => sp.GetRequiredService<TStore>());
        return services.AddSingleton<ISourceCursorStore>(sp => sp.GetRequiredService<TStore>());
    }

    /// <summary>
    /// Every role answered by an error naming <paramref name="key"/>: for a backend that cannot run. The start fails
    /// earlier, in options validation, with every problem listed; this keeps a stray early resolution just as clear.
    /// </summary>
    public static IServiceCollection AddUnavailableStoreRoles(this IServiceCollection services, string key, string reason)
    {
        foreach (var role in All)
            services.AddSingleton(role, _ => throw new OptionsValidationException(key, typeof(StorageOptions), [reason]));
        return services;
    }
}
