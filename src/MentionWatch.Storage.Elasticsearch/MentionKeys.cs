using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Deterministic identities of a post, both derived from (source, externalId) so a post sent twice, by any node,
/// maps to the same document and the same mention id:
/// <list type="bullet">
/// <item>the document _id: 128 bits of SHA-256, base64url (22 characters); collisions are not a practical concern, so
/// a <c>create</c> conflict (409) means "this post is already stored";</item>
/// <item>the public mention id: the first 53 bits of the same hash, positive and safe as a JSON number. Ids are not
/// time-ordered as the SQLite store's are (sorting uses @timestamp first), and two posts can share one with
/// probability about n²/2^54 (0.5% at ten million posts): that would only make GetAsync(id) ambiguous, it never loses
/// a post, because deduplication uses the 128-bit _id.</item>
/// </list>
/// </summary>
internal static class MentionKeys
{
    public static (string DocumentId, long MentionId) For(string source, string externalId)
    {
        var input = Encoding.UTF8.GetBytes(source + "\u0000" + externalId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        var documentId = Convert.ToBase64String(hash[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var mentionId = (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11);
        // 0 means "not stored yet" in Mention.Id.
        return (documentId, mentionId == 0 ? 1 : mentionId);
    }
}
