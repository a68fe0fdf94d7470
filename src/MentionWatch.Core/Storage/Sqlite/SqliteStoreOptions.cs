using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>Where the embedded store lives (<c>Storage:Path</c>); the database file is <see cref="FileName"/> inside it.</summary>
public sealed record SqliteStoreOptions
{
    public const string FileName = "mentionwatch.db";

    /// <summary>Directory of the database; created when missing.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; init; } = "data";

    /// <summary>Idle read connections kept open for reuse.</summary>
    [Range(1, 64)]
    public int MaxIdleReaders { get; init; } = 8;

    /// <summary>SQLite page cache per connection, in MiB.</summary>
    [Range(1, 4096)]
    public int CacheSizeMiB { get; init; } = 64;

    public string DatabaseFile => System.IO.Path.Combine(Path, FileName);
}
