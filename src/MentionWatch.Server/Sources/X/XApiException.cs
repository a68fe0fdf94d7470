using System.Net;

namespace MentionWatch.Server.Sources.X;

/// <summary>X answered with an error (after retries) or with a body that is not X's JSON format.</summary>
public sealed class XApiException(string message, HttpStatusCode? statusCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>Null when the response had a success status but an unreadable body.</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;
}
