using System.Net;

namespace MentionWatch.Server.Sources.Kit;

/// <summary>
/// A source's API answered with an error (after retries) or with a body it cannot read. <see cref="IsPermanent"/>
/// failures (rejected credentials, bad configuration) stop the source's polls until a restart.
/// </summary>
public class SourceApiException(string message, HttpStatusCode? statusCode = null, Exception? inner = null, bool? permanent = null)
    : Exception(message, inner)
{
    /// <summary>Null when the response had a success status but an unreadable body.</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>True for 401/403 unless the source says otherwise.</summary>
    public bool IsPermanent { get; } = permanent ?? statusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
}
