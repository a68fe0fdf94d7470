using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Storage.Elasticsearch;

/// <summary>
/// <c>Storage:Provider=elasticsearch</c>. The connection settings are validated here, beside the choice, so a bad URL stops
/// the start naming its key. The store itself is the MentionWatch.Storage.Elasticsearch project (issue 11, branch
/// <c>es</c>); until this project references it, choosing it stops the start with <see cref="NotIncluded"/>.
/// </summary>
internal sealed class ElasticsearchStorageProvider : IStorageProvider
{
    public const string ProviderName = "elasticsearch";

    public const string NotIncluded =
        "Storage:Provider: the Elasticsearch store is not included in this build; use Storage:Provider=sqlite, or a build with MentionWatch.Storage.Elasticsearch.";

    public string Name => ProviderName;

    public void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ElasticsearchConnectionOptions>().BindConfiguration(ElasticsearchConnectionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ElasticsearchConnectionOptions>, ElasticsearchConnectionOptionsValidator>();
        // The one line the Elasticsearch store replaces: services.AddElasticsearchStore(configuration), registering every StoreRoles.All.
        AddNotIncluded(services);
    }

    private static void AddNotIncluded(IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<StorageOptions>>(new StoreUnavailableValidator(NotIncluded));
        services.AddUnavailableStoreRoles(StorageProviderValidator.Key, NotIncluded);
    }
}
