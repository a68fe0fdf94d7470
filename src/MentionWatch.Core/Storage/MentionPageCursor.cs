using System.Buffers.Binary;

namespace MentionWatch.Core.Storage;

/// <summary>
/// Opaque page cursors: the last id of a page, so the next page continues strictly below it. Ids follow
/// <see cref="MentionIds"/> on every backend, so a cursor is the same string whichever store issued it.
/// </summary>
public static class MentionPageCursor
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
