namespace MentionWatch.Server.Storage;

/// <summary>
/// One storage backend, chosen by <c>Storage:Provider</c> the way Quartz chooses its job store. <see cref="Register"/>
/// registers every role in <see cref="StoreRoles.All"/> (and the backend's own validated options); nothing outside the
/// provider names a backend type.
/// </summary>
public interface IStorageProvider
{
    /// <summary>The value of <c>Storage:Provider</c> that selects this backend (lower case).</summary>
    string Name { get; }

    void Register(IServiceCollection services, IConfiguration configuration);
}
