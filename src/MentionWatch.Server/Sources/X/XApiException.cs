using System.Net;
using MentionWatch.Server.Sources.Kit;

namespace MentionWatch.Server.Sources.X;

/// <summary>X answered with an error (after retries) or with a body that is not X's JSON format.</summary>
public sealed class XApiException(string message, HttpStatusCode? statusCode = null, Exception? inner = null)
    : SourceApiException(message, statusCode, inner);
