using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Api;

/// <summary>
/// Reads a JSON request body with the API's strict serializer settings (unknown fields are an error) and turns
/// every failure into a ProblemDetails naming it, where model binding would answer a bare 400.
/// </summary>
internal static class JsonBody
{
    public static JsonSerializerOptions SerializerOptions(this HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json."));
        // Buffered (bodies are bounded by Api:MaxRequestBodyBytes) so an error can quote the value that was sent.
        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), request.HttpContext.SerializerOptions());
            return value is null ? (null, Problems.BadRequest("Invalid JSON", "The body is empty or null.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest("Invalid JSON", Describe(ex, buffer.GetBuffer().AsSpan(0, (int)buffer.Length))));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, BodyProblem(ex));
        }
    }

    public static ProblemHttpResult BodyProblem(BadHttpRequestException ex) => ex.StatusCode == StatusCodes.Status413PayloadTooLarge
        ? Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request body too large", "The request body is larger than the configured limit (Api:MaxRequestBodyBytes).")
        : Problems.Status(ex.StatusCode, "Bad request body", ex.Message);

    /// <summary>A message naming the field, the value sent and what was expected, without .NET type names.</summary>
    public static string Describe(JsonException ex, ReadOnlySpan<byte> json = default) => JsonErrorText.Describe(ex, json);
}
