using System.Buffers.Binary;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// Mention ids carry their post's time: (createdAt unix ms) &lt;&lt; 10 | sequence. Ordering by id is therefore
/// ordering by createdAt then arrival, time filters are id ranges, and every id stays below 2^53 (safe as a JSON
/// number) until the year 2248. More than 1,024 posts in one millisecond spill into the next millisecond's ids.
/// </summary>
internal static class MentionIds
{
    public const int SequenceBits = 10;
    public const long SequenceMask = (1L << SequenceBits) - 1;

    /// <summary>The lowest id a post created at <paramref name="time"/> can get.</summary>
    public static long Floor(DateTimeOffset time) => Math.Max(0, time.ToUnixTimeMilliseconds()) << SequenceBits;

    public static DateTimeOffset TimeOf(long id) => DateTimeOffset.FromUnixTimeMilliseconds(id >> SequenceBits);
}

/// <summary>Opaque page cursors: the last id of a page, so the next page continues strictly below it.</summary>
internal static class MentionCursor
{
    private const byte Version = 1;

    public static string Encode(long lastId)
    {
        Span<byte> bytes = stackalloc byte[9];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], lastId);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static long Decode(string cursor)
    {
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - base64.Length % 4) % 4), '=');
        Span<byte> bytes = stackalloc byte[12];
        if (cursor.Length != 12 || !Convert.TryFromBase64String(base64, bytes, out var written) || written != 9 || bytes[0] != Version)
            throw new InvalidCursorException(cursor);
        var id = BinaryPrimitives.ReadInt64BigEndian(bytes[1..9]);
        if (id < 0) throw new InvalidCursorException(cursor);
        return id;
    }
}
