using System.Runtime.CompilerServices;
using System.Text;

namespace MentionWatch.Server.Sources.Kit.Streaming;

/// <summary>
/// Reads newline-delimited messages (NDJSON streams, X's filtered stream) from a response body. Empty lines are
/// yielded as "" (they are the heartbeats of such streams). A last line without its newline is a message cut by a
/// dropped connection: it is discarded, never handed out half.
/// </summary>
internal static class LineStream
{
    public static async IAsyncEnumerable<string> ReadLinesAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var bytes = new byte[16 * 1024];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        var line = new StringBuilder();
        while (true)
        {
            int read = await body.ReadAsync(bytes, cancellationToken).ConfigureAwait(false);
            if (read == 0) yield break;
            int count = decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            for (int i = 0; i < count; i++)
            {
                if (chars[i] != '\n')
                {
                    line.Append(chars[i]);
                    continue;
                }

                if (line.Length > 0 && line[^1] == '\r') line.Length--;
                yield return line.ToString();
                line.Clear();
            }
        }
    }
}
