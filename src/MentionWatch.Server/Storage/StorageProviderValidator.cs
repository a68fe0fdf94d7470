using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Storage;

/// <summary><c>Storage:Provider</c> names a backend this build knows (blank means the default, like a missing key).</summary>
internal sealed class StorageProviderValidator : IValidateOptions<StorageOptions>
{
    public const string Key = StorageOptions.Section + ":Provider";

    public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.Provider) || StorageProviders.Find(options.Provider) is not null
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(UnknownProvider(options.Provider));

    public static string UnknownProvider(string? provider) =>
        $"{Key}: '{provider}' is not a storage provider; use one of: {string.Join(", ", StorageProviders.Names)}.";
}

/// <summary>A chosen backend that cannot run in this build: the start stops with <paramref name="reason"/>.</summary>
internal sealed class StoreUnavailableValidator(string reason) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options) => ValidateOptionsResult.Fail(reason);
}
