using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MentionWatch.Server.Api;

/// <summary>
/// Turns System.Text.Json's messages, written for .NET developers ("could not be converted to System.DateTimeOffset"),
/// into ones a client understands: the field as the client wrote it, the value it sent, and what was expected.
/// </summary>
internal static partial class JsonErrorText
{
    private const int MaxValueLength = 60;

    public static string Describe(JsonException ex, ReadOnlySpan<byte> json)
    {
        var message = ex.Message;
        var field = FieldName(ex.Path);
        if (ConvertPattern().Match(message) is { Success: true } convert && field is not null)
        {
            var value = ValueAt(json, ex.Path!);
            var shown = value is null ? "" : $" {value}";
            return Expected(convert.Groups["type"].Value) is { } expected
                ? expected == "date"
                    ? $"{field}:{shown} is not a date; use ISO 8601, e.g. 2026-11-22T08:00:00Z."
                    : $"{field} must be {expected}{(value is null ? "" : $" (was {value})")}."
                : $"{field} has the wrong type{(value is null ? "" : $" (was {value})")}.";
        }
        if (MissingPattern().Match(message) is { Success: true } missing)
        {
            var names = QuotedPattern().Matches(missing.Groups["names"].Value).Select(m => m.Groups[1].Value).ToList();
            var prefix = field is null or "$" ? "" : field + ": ";
            return $"{prefix}missing required field{(names.Count == 1 ? "" : "s")}: {string.Join(", ", names)}.";
        }
        if (UnmappedPattern().Match(message) is { Success: true } unmapped)
        {
            var known = KnownFields(unmapped.Groups["type"].Value);
            var where = field is null ? "" : $" (at {field})";
            return $"Unknown field '{unmapped.Groups["name"].Value}'{where}" + (known is null ? "." : $"; the fields are: {known}.");
        }
        // Reader errors ("'y' is an invalid start of a value") name no types; drop the line/byte tail and any stray type name.
        var tail = message.IndexOf(" | LineNumber:", StringComparison.Ordinal);
        var core = TypeNamePattern().Replace(tail > 0 ? message[..tail] : message, "a value of another type");
        if (field is not null && !core.Contains(ex.Path!, StringComparison.Ordinal)) core += $" (at {field})";
        return core;
    }

    private static string? Expected(string type) => type switch
    {
        _ when type.Contains("DateTimeOffset") || type.Contains("System.DateTime") => "date",
        "System.String" => "a string",
        _ when type.Contains("System.Int") || type.Contains("System.Int64") => "a whole number",
        _ when type.Contains("System.Double") || type.Contains("System.Single") => "a number",
        _ when type.Contains("System.Boolean") => "true or false",
        _ when type.Contains("List`1") || type.EndsWith("[]", StringComparison.Ordinal) => "an array",
        _ when type.StartsWith("MentionWatch.", StringComparison.Ordinal) => "an object",
        _ => null,
    };

    /// <summary>"$.author.handle" -> "author.handle"; "$[2].id" -> "id"; null for the whole document.</summary>
    private static string? FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return null;
        var name = path.TrimStart('$');
        name = LeadingIndexPattern().Replace(name, "");
        return name.TrimStart('.') is { Length: > 0 } trimmed ? trimmed : null;
    }

    /// <summary>The JSON text at <paramref name="path"/> (shortened), or null when the document or path cannot be read.</summary>
    private static string? ValueAt(ReadOnlySpan<byte> json, string path)
    {
        if (json.IsEmpty) return null;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var element = document.RootElement;
            foreach (Match step in PathStepPattern().Matches(path))
            {
                if (step.Groups["name"].Success)
                {
                    if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(step.Groups["name"].Value, out element)) return null;
                }
                else
                {
                    var index = int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (element.ValueKind != JsonValueKind.Array || index >= element.GetArrayLength()) return null;
                    element = element[index];
                }
            }
            var raw = element.GetRawText();
            return raw.Length <= MaxValueLength ? raw : raw[..MaxValueLength] + "...";
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? KnownFields(string typeName)
    {
        var type = Assembly.GetExecutingAssembly().GetType(typeName);
        if (type is null) return null;
        return string.Join(", ", type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)));
    }

    [GeneratedRegex(@"could not be converted to (?<type>[^\s]+?)\.?( Path|$| \|)")]
    private static partial Regex ConvertPattern();

    [GeneratedRegex(@"missing required properties,? including(?: the following)?: (?<names>.*)$", RegexOptions.Singleline)]
    private static partial Regex MissingPattern();

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"The JSON property '(?<name>[^']*)' could not be mapped to any \.NET member contained in type '(?<type>[^']*)'")]
    private static partial Regex UnmappedPattern();

    [GeneratedRegex(@"'?(System|MentionWatch)\.[A-Za-z0-9_.`\[\], =]+'?")]
    private static partial Regex TypeNamePattern();

    [GeneratedRegex(@"^\[\d+\]")]
    private static partial Regex LeadingIndexPattern();

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\[(?<index>\d+)\]")]
    private static partial Regex PathStepPattern();
}
