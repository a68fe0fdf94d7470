namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// A request the cluster refused or could not answer, with the HTTP status and Elasticsearch's error type so the log
/// line says what to fix (authentication, a missing privilege, a red cluster, a server that is not Elasticsearch).
/// </summary>
public sealed class ElasticsearchStoreException(string message, int? statusCode = null, string? errorType = null, Exception? inner = null)
    : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;
    public string? ErrorType { get; } = errorType;
}
