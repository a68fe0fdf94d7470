using System.Text.Json;
using System.Text.Json.Nodes;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Alerting;
using MentionWatch.Server.Alerting.Rules;
using MentionWatch.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>
/// /api/v1/alert-rules: rules from configuration (read-only here) and rules created through the API (stored).
/// A body is the rule definition plus its <c>name</c>; every problem is listed in one 400.
/// </summary>
internal static class AlertRulesApi
{
    public static RouteGroupBuilder MapAlertRulesApi(this RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/alert-rules").WithTags("Alert rules");
        rules.MapGet("/", ListAsync).WithSummary("Every rule, from configuration and from the API, with its origin.");
        rules.MapGet("/{name}", GetAsync).WithSummary("One rule.");
        rules.MapPost("/", CreateAsync).RequireRole(ApiRole.Admin).DocumentsBody<AlertRuleDefinition>().WithSummary("Creates a rule; 409 if the name exists.");
        rules.MapPut("/{name}", PutAsync).RequireRole(ApiRole.Admin).DocumentsBody<AlertRuleDefinition>().WithSummary("Creates or replaces a rule created through the API.");
        rules.MapDelete("/{name}", DeleteAsync).RequireRole(ApiRole.Admin).WithSummary("Deletes a rule created through the API; its open alerts stay.");
        return api;
    }

    private static async Task<Ok<List<JsonObject>>> ListAsync(AlertRuleSet rules, IAlertStore store, CancellationToken cancellationToken)
    {
        var all = rules.ConfiguredRules.Select(r => ToJson(r.Key, AlertRuleSet.ConfigurationOrigin, r.Value)).ToList();
        all.AddRange(rules.SourceRules.Select(r => ToJson(r.Key, FlatlineSourceRules.Origin, r.Value)));
        foreach (var (name, json) in await store.ListRulesAsync(cancellationToken))
            if (!rules.ConfiguredRules.ContainsKey(name)) all.Add(ToJson(name, AlertRuleSet.ApiOrigin, Parse(json)));
        return TypedResults.Ok(all.OrderBy(r => (string)r["name"]!, StringComparer.OrdinalIgnoreCase).ToList());
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> GetAsync(string name, AlertRuleSet rules, IAlertStore store, CancellationToken cancellationToken)
    {
        if (rules.ConfiguredRules.TryGetValue(name, out var configured)) return TypedResults.Ok(ToJson(name, AlertRuleSet.ConfigurationOrigin, configured));
        var stored = (await store.ListRulesAsync(cancellationToken)).FirstOrDefault(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        return stored.Name is null ? Problems.NotFound($"No alert rule named '{name}'.") : TypedResults.Ok(ToJson(stored.Name, AlertRuleSet.ApiOrigin, Parse(stored.Definition)));
    }

    private static async Task<Results<Created<JsonObject>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, AlertRuleSet rules, AlertRuleCompiler compiler, IAlertStore store, AlertEngine engine, CancellationToken cancellationToken)
    {
        var (name, definition, problem) = await ReadAsync(request, null, rules, compiler, cancellationToken);
        if (problem is not null) return problem;
        if (rules.ConfiguredRules.ContainsKey(name!) || (await store.ListRulesAsync(cancellationToken)).Any(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            return Problems.Conflict($"An alert rule named '{name}' already exists; use PUT /api/v1/alert-rules/{name} to change it.");
        await store.UpsertRuleAsync(name!, JsonSerializer.Serialize(definition, AlertRuleJson.Options), cancellationToken);
        await engine.ReloadRulesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/alert-rules/{Uri.EscapeDataString(name!)}", ToJson(name!, AlertRuleSet.ApiOrigin, definition!));
    }

    private static async Task<Results<Ok<JsonObject>, Created<JsonObject>, ProblemHttpResult>> PutAsync(
        string name, HttpRequest request, AlertRuleSet rules, AlertRuleCompiler compiler, IAlertStore store, AlertEngine engine, CancellationToken cancellationToken)
    {
        if (rules.ConfiguredRules.ContainsKey(name)) return ConfiguredConflict(name);
        var (_, definition, problem) = await ReadAsync(request, name, rules, compiler, cancellationToken);
        if (problem is not null) return problem;
        var created = await store.UpsertRuleAsync(name, JsonSerializer.Serialize(definition, AlertRuleJson.Options), cancellationToken);
        await engine.ReloadRulesAsync(cancellationToken);
        var body = ToJson(name, AlertRuleSet.ApiOrigin, definition!);
        return created ? TypedResults.Created($"/api/v1/alert-rules/{Uri.EscapeDataString(name)}", body) : TypedResults.Ok(body);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string name, AlertRuleSet rules, IAlertStore store, AlertEngine engine, CancellationToken cancellationToken)
    {
        if (rules.ConfiguredRules.ContainsKey(name)) return ConfiguredConflict(name);
        if (!await store.DeleteRuleAsync(name, cancellationToken)) return Problems.NotFound($"No alert rule named '{name}'.");
        await engine.ReloadRulesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult ConfiguredConflict(string name) =>
        Problems.Conflict($"The alert rule '{name}' is defined in configuration (Alerts:Rules:{name}); change it there.");

    /// <summary>Reads <c>{name, ...definition}</c>; unknown fields and every rule problem are listed by field.</summary>
    private static async Task<(string? Name, AlertRuleDefinition? Definition, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, string? routeName, AlertRuleSet rules, AlertRuleCompiler compiler, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<JsonObject>(request, cancellationToken);
        if (problem is not null) return (null, null, problem);
        var name = (body!["name"] as JsonValue)?.TryGetValue<string>(out var n) == true ? n.Trim() : routeName;
        body.Remove("name");
        if (routeName is not null && !string.Equals(name, routeName, StringComparison.OrdinalIgnoreCase))
            return (null, null, Problems.BadRequest("Invalid request", $"name '{name}' in the body differs from '{routeName}' in the URL; renaming is not supported."));
        AlertRuleDefinition? definition;
        try
        {
            definition = body.Deserialize<AlertRuleDefinition>(request.HttpContext.SerializerOptions());
        }
        catch (JsonException ex)
        {
            return (null, null, Problems.BadRequest("Invalid JSON", JsonBody.Describe(ex)));
        }
        var problems = compiler.Validate(name ?? "", definition ?? new AlertRuleDefinition(), rules.NotifierNames);
        if (problems.Count == 0) return (name, definition, null);
        var errors = problems.GroupBy(p => FieldName(p.Field)).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        return (null, null, Problems.Invalid(errors));
    }

    /// <summary>Definition property names as the JSON body spells them: <c>QuietHours:TimeZone</c> -> <c>quietHours.timeZone</c>.</summary>
    private static string FieldName(string field) =>
        string.Join('.', field.Split(':').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));

    private static JsonObject ToJson(string name, string origin, AlertRuleDefinition definition)
    {
        var json = JsonSerializer.SerializeToNode(definition, AlertRuleJson.Options)!.AsObject();
        var result = new JsonObject { ["name"] = name, ["origin"] = origin };
        foreach (var (key, value) in json) result[key] = value?.DeepClone();
        return result;
    }

    private static AlertRuleDefinition Parse(string json) => JsonSerializer.Deserialize<AlertRuleDefinition>(json, AlertRuleJson.Options) ?? new AlertRuleDefinition();
}
