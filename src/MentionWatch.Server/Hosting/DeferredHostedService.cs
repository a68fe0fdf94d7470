namespace MentionWatch.Server.Hosting;

/// <summary>
/// Resolves <typeparamref name="T"/> only when the host starts it. The host builds every hosted service before
/// starting any, so a service that reads options in its constructor would fail on that one setting before
/// the options validation lists every problem; deferring keeps the full list.
/// </summary>
internal sealed class DeferredHostedService<T>(IServiceProvider services) : IHostedService
    where T : IHostedService
{
    private T? _service;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _service = services.GetRequiredService<T>();
        return _service.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _service?.StopAsync(cancellationToken) ?? Task.CompletedTask;
}

internal static class DeferredHostedServiceExtensions
{
    /// <summary>Registers <typeparamref name="T"/> as a singleton started (in registration order) by the host.</summary>
    public static IServiceCollection AddDeferredHostedService<T>(this IServiceCollection services)
        where T : class, IHostedService
    {
        services.AddSingleton<T>();
        return services.AddHostedService<DeferredHostedService<T>>();
    }
}
