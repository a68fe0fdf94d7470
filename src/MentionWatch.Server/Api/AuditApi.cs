using System.Globalization;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>GET /api/v1/audit: the log of every change made through the API, newest first (admin only).</summary>
internal static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ReadAsync).RequireRole(ApiRole.Admin).WithTags("Audit")
            .WithSummary("Every change made through the API: who (key name), what (method, route, target), when, from where, outcome.")
            .ProducesErrors(400);
        return api;
    }

    private static async Task<Results<Ok<AuditPageDto>, ProblemHttpResult>> ReadAsync(
        string? from, string? to, string? limit, string? cursor, IAuditLog log, AuditWriter writer, CancellationToken cancellationToken)
    {
        var errors = new ArgErrors();
        var start = errors.Date("from", from);
        var end = errors.Date("to", to);
        if (start is not null && end is not null && start > end) errors.Add("from", "from must not be after to.");
        var pageSize = errors.Int("limit", limit, 100, 1, 1_000);
        long? before = null;
        if (!string.IsNullOrWhiteSpace(cursor))
        {
            if (long.TryParse(cursor.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) before = id;
            else errors.Add("cursor", $"cursor '{cursor}' is not a cursor from a previous page's nextCursor.");
        }
        if (errors.Any(out var problem)) return problem!;
        // Entries are appended off the request path; a change answered before this read must be listed.
        await writer.FlushAsync(cancellationToken);
        var entries = await log.ReadAsync(start, end, pageSize + 1, before, cancellationToken);
        var page = entries.Take(pageSize).Select(e => new AuditEntryDto(e.Id, e.At, e.Actor, e.Method, e.Route, e.Target, e.ClientAddress, e.Status)).ToList();
        var next = entries.Count > pageSize ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new AuditPageDto(page, next));
    }
}

/// <summary>One audited change; <c>actor</c> is the key's configured name, null when no valid key was sent.</summary>
public sealed record AuditEntryDto(long Id, DateTimeOffset At, string? Actor, string Method, string Route, string? Target, string? ClientAddress, int Status);

public sealed record AuditPageDto(IReadOnlyList<AuditEntryDto> Items, string? NextCursor);
