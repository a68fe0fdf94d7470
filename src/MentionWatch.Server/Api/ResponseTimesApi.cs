using System.Globalization;
using CsvHelper;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Auth;
using MentionWatch.Server.Support;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>/api/v1/response-times: how fast needs-reply mentions got their first brand reply, per bucket and in total, and the rows behind it.</summary>
internal static class ResponseTimesApi
{
    private static readonly string[] CsvHeader = ["mentionId", "source", "externalId", "author", "createdAt", "firstReplyId", "firstReplyAt", "seconds", "team", "triage"];

    private const int MaxBuckets = 10_000;

    public static RouteGroupBuilder MapResponseTimesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/response-times", GetAsync).WithTags("Support")
            .WithSummary("Needs-reply mentions, share answered within 1 h / 6 h / 24 h, median and p90 first-response seconds, unanswered, resolution rate.")
            .ProducesErrors(400, 404);
        api.MapGet("/response-times/export", ExportAsync).RequireRole(ApiRole.Analyst).WithTags("Support")
            .WithSummary("CSV of the per-mention rows: mention, created, first reply, seconds, team.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesErrors(400, 404);
        return api;
    }

    internal sealed record Args(string? Watch, string? Team, string? Source, string? Lang, string? From, string? To, string? Interval, string? Clock);

    private static async Task<Results<Ok<ResponseTimesDto>, ProblemHttpResult>> GetAsync(
        [AsParameters] Args args, ISupportStore store, IWatchStore watches, ICampaignStore campaigns, TeamRouter teams, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (query, step, clock, problem) = await ParseAsync(args, watches, teams, time, cancellationToken);
        if (problem is not null) return problem;
        var rows = await RowsAsync(store, query!, clock, teams, cancellationToken);
        var size = step == "hour" ? 3600L : 86400L;
        var first = Floor(query!.From.ToUnixTimeSeconds(), size);
        var end = -Floor(-query.To.ToUnixTimeSeconds(), size);
        var byBucket = rows.GroupBy(r => Floor(r.Row.CreatedAt.ToUnixTimeSeconds(), size)).ToDictionary(g => g.Key, g => g.ToList());
        var buckets = new List<ResponseBucketDto>();
        for (var b = first; b < end; b++)
            buckets.Add(new ResponseBucketDto(DateTimeOffset.FromUnixTimeSeconds(b * size), ResponseFigures.Compute(byBucket.GetValueOrDefault(b) ?? [])));
        var overlapping = await CampaignsApi.OverlappingAsync(campaigns, query.Watches, query.From, query.To, cancellationToken);
        return TypedResults.Ok(new ResponseTimesDto(query.Watches.Count == 0 ? null : string.Join(",", query.Watches), query.Team, query.Source,
            query.Lang, query.From, query.To, step, clock, ResponseFigures.Compute(rows), buckets, overlapping));
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportAsync(
        [AsParameters] Args args, ISupportStore store, IWatchStore watches, TeamRouter teams, TimeProvider time, HttpContext http)
    {
        var (query, _, clock, problem) = await ParseAsync(args, watches, teams, time, http.RequestAborted);
        if (problem is not null) return problem;
        var rows = await RowsAsync(store, query!, clock, teams, http.RequestAborted);
        return TypedResults.Stream(async body =>
        {
            var inv = CultureInfo.InvariantCulture;
            await using var csv = CsvWriter.Create(body, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true);
            foreach (var field in CsvHeader)
                csv.WriteField(field);
            await csv.EndRecordAsync(http.RequestAborted);
            foreach (var (row, seconds) in rows)
            {
                csv.WriteField(row.MentionId.ToString(inv));
                csv.WriteField(row.Source);
                csv.WriteField(row.ExternalId);
                csv.WriteField(row.AuthorHandle);
                csv.WriteField(row.CreatedAt.ToString("O", inv));
                csv.WriteField(row.FirstReply?.Id.ToString(inv));
                csv.WriteField(row.FirstReply?.At.ToString("O", inv));
                csv.WriteField(seconds?.ToString(inv));
                csv.WriteField(row.Team);
                csv.WriteField(row.Triage);
                await csv.EndRecordAsync(http.RequestAborted);
            }
            await csv.FlushAsync(http.RequestAborted);
        }, "text/csv; charset=utf-8", $"response-times-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv");
    }

    internal static async Task<List<(ResponseRow Row, double? Seconds)>> RowsAsync(
        ISupportStore store, ResponseQuery query, string clock, TeamRouter teams, CancellationToken cancellationToken)
    {
        var rows = await store.ResponseRowsAsync(query, cancellationToken);
        Func<string?, Alerting.Routing.TimeWindow?> hoursOf = clock == "business" ? team => teams.Find(team)?.BusinessHours : _ => null;
        return rows.Select(r => (r, ResponseFigures.Seconds(r, hoursOf))).ToList();
    }

    private static async Task<(ResponseQuery? Query, string Step, string Clock, ProblemHttpResult? Problem)> ParseAsync(
        Args args, IWatchStore watches, TeamRouter teams, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ArgErrors();
        var step = errors.OneOf("interval", args.Interval, "hour", "day") ?? "day";
        var clock = errors.OneOf("clock", args.Clock, "wall", "business") ?? "wall";
        var end = errors.Date("to", args.To) ?? time.GetUtcNow();
        var start = errors.Date("from", args.From) ?? end - (step == "hour" ? TimeSpan.FromHours(48) : TimeSpan.FromDays(30));
        if (start >= end) errors.Add("from", "from must be before to.");
        else if ((end - start) / (step == "hour" ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1)) > MaxBuckets)
            errors.Add("interval", $"The period holds more than {MaxBuckets} {step} buckets; shorten it or use a longer interval.");
        if (errors.Any(out var problem)) return (null, step, clock, problem);
        var (named, unknown) = await WatchNames.ResolveAsync(watches, args.Watch, cancellationToken);
        if (unknown is not null) return (null, step, clock, unknown);
        string? team = null;
        if (!string.IsNullOrWhiteSpace(args.Team))
        {
            if (teams.Find(args.Team.Trim()) is not { } known) return (null, step, clock, UnknownTeam(args.Team.Trim(), teams));
            team = known.Name;
        }
        var query = new ResponseQuery(named.Select(w => w.Name).ToList(), team, Blank(args.Source)?.ToLowerInvariant(), Blank(args.Lang)?.ToLowerInvariant(), start, end);
        return (query, step, clock, null);
    }

    internal static ProblemHttpResult UnknownTeam(string name, TeamRouter teams) => Problems.NotFound(teams.Teams.Count == 0
        ? $"No team named '{name}'; no teams are configured (Teams:<name>:Query)."
        : $"No team named '{name}'; known: {string.Join(", ", teams.Teams.Select(t => t.Name))}.");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static long Floor(long value, long size) => value >= 0 ? value / size : -((-value + size - 1) / size);
}
