using System.ComponentModel.DataAnnotations;
using MentionWatch.Server.Storage.Sqlite;

namespace MentionWatch.Server.Storage;

/// <summary>
/// The <c>Storage</c> section: which backend keeps the data (<c>Storage:Provider</c>) and settings every backend shares.
/// <see cref="Path"/> is where the embedded store keeps its files (env <c>Storage__Path</c>). A relative path is relative to the
/// current directory of the process, like any command-line path; the resolved directory is logged at start.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The backend, one of <see cref="StorageProviders.Names"/>; chosen once at start, nothing else changes with it.</summary>
    public string Provider { get; set; } = SqliteStorageProvider.ProviderName;

    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "./data";

    /// <summary>Mentions posted more than this many days ago are deleted in the background; 0 keeps them forever.</summary>
    [Range(0, 36_500)]
    public int RetentionDays { get; set; }

    /// <summary>Trend rollups are kept this many days (at least <see cref="RetentionDays"/>); only pruned when <see cref="RetentionDays"/> is on.</summary>
    [Range(1, 36_500)]
    public int RollupRetentionDays { get; set; } = 400;
}
