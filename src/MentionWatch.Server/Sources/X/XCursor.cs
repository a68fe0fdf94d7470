using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentionWatch.Server.Sources.X;

/// <summary>
/// Where polling of one watch resumes, stored as source cursor <c>x:{watch}</c> in the same transaction as the
/// mentions it produced. Usually just the since_id. When a run stopped at MaxPagesPerRun it also keeps the
/// next_token of the unfinished sweep and the newest id that sweep started from, so the backlog is finished
/// before since_id moves on (nothing between the two is skipped).
/// </summary>
internal sealed record XCursor(string? SinceId, string? NextToken = null, string? SweepNewestId = null)
{
    public const string KeyPrefix = "x:";

    public static string KeyFor(string watchName) => KeyPrefix + watchName;

    public bool IsResuming => NextToken is not null;

    public static XCursor Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return new XCursor((string?)null);
        if (!value.StartsWith('{')) return new XCursor(value);
        var stored = JsonSerializer.Deserialize(value, XCursorJsonContext.Default.StoredCursor)
            ?? throw new FormatException($"X cursor '{value}' is not a cursor object");
        return new XCursor(stored.SinceId, stored.NextToken, stored.SweepNewestId);
    }

    /// <summary>The cursor after a run that fetched <paramref name="result"/> starting from this one.</summary>
    public XCursor Advance(XSearchResult result)
    {
        var sweepNewest = IsResuming ? SweepNewestId : result.NewestId ?? SinceId;
        return result.NextToken is not null
            ? new XCursor(SinceId, result.NextToken, sweepNewest)
            : new XCursor(sweepNewest ?? SinceId);
    }

    public override string ToString() => IsResuming
        ? JsonSerializer.Serialize(new StoredCursor(SinceId, NextToken, SweepNewestId), XCursorJsonContext.Default.StoredCursor)
        : SinceId ?? "";

    internal sealed record StoredCursor(string? SinceId, string? NextToken, string? SweepNewestId);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(XCursor.StoredCursor))]
internal sealed partial class XCursorJsonContext : JsonSerializerContext;
