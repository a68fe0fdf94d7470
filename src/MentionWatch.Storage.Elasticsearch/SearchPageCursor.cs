using System.Buffers.Binary;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Opaque page cursors of the Elasticsearch store: the sort values (@timestamp ms, id) of a page's last hit, which
/// the next page passes as <c>search_after</c>. A version byte keeps cursors of other stores and versions out.
/// </summary>
internal static class SearchPageCursor
{
    private const byte Version = 0xE1;

    public static string Encode(long timestampMs, long id)
    {
        Span<byte> bytes = stackalloc byte[17];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], timestampMs);
        BinaryPrimitives.WriteInt64BigEndian(bytes[9..], id);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static (long TimestampMs, long Id) Decode(string cursor)
    {
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - base64.Length % 4) % 4), '=');
        Span<byte> bytes = stackalloc byte[24];
        if (cursor.Length != 23 || !Convert.TryFromBase64String(base64, bytes, out var written) || written != 17 || bytes[0] != Version)
            throw new InvalidCursorException(cursor);
        var id = BinaryPrimitives.ReadInt64BigEndian(bytes[9..17]);
        if (id <= 0) throw new InvalidCursorException(cursor);
        return (BinaryPrimitives.ReadInt64BigEndian(bytes[1..9]), id);
    }
}
