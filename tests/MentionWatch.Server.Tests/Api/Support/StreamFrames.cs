using System.Globalization;
using System.Text.Json.Nodes;

namespace MentionWatch.Server.Tests.Api.Support;

/// <summary>Reads the fields of one server-sent-events frame as <see cref="LiveStream.ReadFrameAsync"/> returns it.</summary>
internal static class StreamFrames
{
    public static string? Field(this string[] frame, string name) =>
        frame.FirstOrDefault(l => l.StartsWith(name + ": ", StringComparison.Ordinal))?[(name.Length + 2)..];

    public static JsonNode Data(this string[] frame) =>
        JsonNode.Parse(frame.Field("data") ?? throw new AssertionException($"No data line in [{string.Join(" | ", frame)}]"))!;

    /// <summary>A <c>mention</c> frame's id (its arrival number) and text.</summary>
    public static (long Id, string Text) Mention(this string[] frame)
    {
        Assert.That(frame.Field("event"), Is.EqualTo("mention"), string.Join(" | ", frame));
        Assert.That(frame.Field("id"), Is.Not.Null, string.Join(" | ", frame));
        return (long.Parse(frame.Field("id")!, CultureInfo.InvariantCulture), frame.Data()["text"]!.GetValue<string>());
    }

    /// <summary>Reads the next <paramref name="count"/> frames as mentions.</summary>
    public static async Task<List<(long Id, string Text)>> ReadMentionsAsync(this LiveStream stream, int count)
    {
        var mentions = new List<(long, string)>();
        for (var i = 0; i < count; i++) mentions.Add((await stream.ReadFrameAsync()).Mention());
        return mentions;
    }
}
