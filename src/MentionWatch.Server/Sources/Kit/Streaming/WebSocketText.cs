using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace MentionWatch.Server.Sources.Kit.Streaming;

/// <summary>
/// Reads text messages from a WebSocket (Jetstream-like APIs send one JSON event per message). A close frame ends
/// the sequence; a connection dropped without one throws (<see cref="WebSocketException"/>), so the host reconnects.
/// </summary>
internal static class WebSocketText
{
    /// <summary>Yields each complete text message; <paramref name="maxMessageBytes"/> guards against a runaway frame.</summary>
    public static async IAsyncEnumerable<WebSocketFrame> ReadAsync(
        WebSocket socket, int maxMessageBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var message = new MemoryStream();
        while (true)
        {
            var receive = socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
            // Nothing buffered: tell the caller, so it submits what it batched before this read waits.
            if (!receive.IsCompleted && message.Length == 0) yield return WebSocketFrame.Idle;
            var result = await receive.ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) yield break;
            message.Write(buffer, 0, result.Count);
            if (message.Length > maxMessageBytes) throw new InvalidDataException($"a WebSocket message exceeded {maxMessageBytes} bytes");
            if (!result.EndOfMessage) continue;
            if (result.MessageType == WebSocketMessageType.Text)
            {
                yield return new WebSocketFrame(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
            }

            message.SetLength(0);
        }
    }
}

/// <summary>One text message, or <see cref="Idle"/> (null text): the socket has nothing more buffered right now.</summary>
internal readonly record struct WebSocketFrame(string? Text)
{
    public static readonly WebSocketFrame Idle = new(null);

    public bool IsIdle => Text is null;
}
