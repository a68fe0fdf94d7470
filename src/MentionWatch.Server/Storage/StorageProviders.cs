using MentionWatch.Server.Storage.Elasticsearch;
using MentionWatch.Server.Storage.Sqlite;

namespace MentionWatch.Server.Storage;

/// <summary>Every backend this build knows, by <c>Storage:Provider</c> name.</summary>
public static class StorageProviders
{
    private static readonly IStorageProvider[] Known = [new SqliteStorageProvider(), new ElasticsearchStorageProvider()];

    /// <summary>The allowed values of <c>Storage:Provider</c>, in the order they are documented.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Known.Select(p => p.Name)];

    /// <summary>The provider called <paramref name="name"/> (case ignored, surrounding blanks too), or null.</summary>
    public static IStorageProvider? Find(string? name) =>
        Known.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
