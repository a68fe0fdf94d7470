using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Server.Pipeline;

/// <summary><c>Watches:RematchDays</c> and <c>Watches:RematchBatchSize</c>: how far back a new or changed watch re-matches stored mentions.</summary>
public sealed class WatchRematchOptions
{
    public const string Section = "Watches";

    /// <summary>Stored mentions of the last this many days (by post time) are re-matched; 0 turns re-matching off.</summary>
    [Range(0, 3650)]
    public int RematchDays { get; set; } = 30;

    /// <summary>Mentions per write transaction: small, so ingest (the same single writer) waits at most one batch.</summary>
    [Range(10, 10_000)]
    public int RematchBatchSize { get; set; } = 500;
}
