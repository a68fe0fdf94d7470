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
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, request.HttpContext.SerializerOptions(), cancellationToken);
            return value is null ? (null, Problems.BadRequest("Invalid JSON", "The body is empty or null.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest("Invalid JSON", Describe(ex)));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, BodyProblem(ex));
        }
    }

    public static ProblemHttpResult BodyProblem(BadHttpRequestException ex) => ex.StatusCode == StatusCodes.Status413PayloadTooLarge
        ? Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request body too large", "The request body is larger than the configured limit (Api:MaxRequestBodyBytes).")
        : Problems.Status(ex.StatusCode, "Bad request body", ex.Message);

    /// <summary>The serializer's message names the JSON path; the line/byte tail only helps for multi-line documents.</summary>
    public static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var tail = message.IndexOf(" | LineNumber:", StringComparison.Ordinal);
        var core = tail > 0 ? message[..tail] : message;
        if (ex.Path is { Length: > 0 } path && !core.Contains(path, StringComparison.Ordinal)) core += $" Path: {path}.";
        return core;
    }
}
