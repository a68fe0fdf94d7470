namespace MentionWatch.Core.Storage;

/// <summary>A page cursor that this store did not issue.</summary>
public sealed class InvalidCursorException(string cursor)
    : ArgumentException($"cursor '{Shorten(cursor)}' is not a valid page cursor; pass the nextCursor of a previous page")
{
    private static string Shorten(string cursor) => cursor.Length <= 40 ? cursor : cursor[..40] + "...";
}
