namespace MentionWatch.Server.Sources.Kit;

/// <summary>What one poll of one target did.</summary>
internal sealed record PollOutcome(
    bool Succeeded, int Fetched, int Accepted, int Duplicates, int Rejected, int Skipped, string? Cursor, string? Error, bool Permanent = false)
{
    public static PollOutcome Failed(string error, bool permanent = false) => new(false, 0, 0, 0, 0, 0, null, error, permanent);
}
