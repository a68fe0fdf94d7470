namespace MentionWatch.Server.Tests.Api.Support;

/// <summary>A client of a live stream (<c>GET /api/v1/mentions/stream</c>, <c>/alerts/stream</c>) that reads one server-sent-events frame at a time.</summary>
internal sealed class LiveStream : IDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private LiveStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>
    /// Returns once the response has started, which is when the server has subscribed this client, and its opening
    /// <c>retry</c> frame has been read.
    /// </summary>
    public static Task<LiveStream> OpenAsync(HttpClient client, string query, string? lastEventId = null) =>
        OpenPathAsync(client, "/api/v1/mentions/stream" + query, lastEventId);

    /// <summary>As <see cref="OpenAsync"/> for any stream path, e.g. <c>/api/v1/alerts/stream</c>.</summary>
    public static async Task<LiveStream> OpenPathAsync(HttpClient client, string pathAndQuery, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.IsSuccessStatusCode, $"stream answered {(int)response.StatusCode}");
        var stream = new LiveStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        Assert.That(await stream.ReadFrameAsync(), Is.EqualTo(new[] { "retry: 2000" }), "the stream's first frame");
        return stream;
    }

    /// <summary>The lines of the next frame (up to its blank line); fails if none completes within the read timeout.</summary>
    public async Task<string[]> ReadFrameAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        var lines = new List<string>();
        try
        {
            while (await _reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Length == 0) return [.. lines];
                lines.Add(line);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"No complete frame within {ReadTimeout.TotalSeconds} s; read so far: [{string.Join(" | ", lines)}]");
        }
        Assert.Fail($"The stream ended; read so far: [{string.Join(" | ", lines)}]");
        return [];
    }

    /// <summary>Reads (and drops) frames until the server ends the response; false if it is still open after the read timeout.</summary>
    public async Task<bool> EndsAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        try
        {
            while (await _reader.ReadLineAsync(timeout.Token) is not null)
            {
            }
            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
