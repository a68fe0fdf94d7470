using MentionWatch.Core.Storage;
using MentionWatch.Server.Auth;
using MentionWatch.Server.Support;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>/api/v1/campaigns: named periods for some watches, shown beside trends and response times, and a before/during report.</summary>
internal static class CampaignsApi
{
    public static RouteGroupBuilder MapCampaignsApi(this RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/campaigns").WithTags("Campaigns");
        campaigns.MapGet("/", ListAsync).WithSummary("Every campaign, by start.");
        campaigns.MapPost("/", CreateAsync).RequireRole(ApiRole.Analyst).DocumentsBody<CampaignDto>()
            .WithSummary("Creates or replaces a campaign {name, watches, start, end}.").ProducesErrors(400, 404, 415);
        campaigns.MapDelete("/{name}", DeleteAsync).RequireRole(ApiRole.Analyst).WithSummary("Deletes a campaign.").ProducesErrors(404);
        campaigns.MapGet("/{name}/report", ReportAsync)
            .WithSummary("Volume, negative share and reply times during the campaign against the same length of time in the weeks before.")
            .ProducesErrors(404);
        return api;
    }

    private static async Task<Ok<List<CampaignDto>>> ListAsync(ICampaignStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListCampaignsAsync(cancellationToken)).Select(ToDto).ToList());

    private static async Task<Results<Created<CampaignDto>, Ok<CampaignDto>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, ICampaignStore store, IWatchStore watches, CancellationToken cancellationToken)
    {
        var (dto, problem) = await JsonBody.ReadAsync<CampaignDto>(request, cancellationToken);
        if (problem is not null) return problem;
        var errors = new ArgErrors();
        var name = dto!.Name?.Trim() ?? "";
        if (!Alerting.Rules.RuleNames.Pattern().IsMatch(name)) errors.Add("name", $"name '{dto.Name}' must be 1-64 letters, digits, '-' or '_'.");
        if (dto.End <= dto.Start) errors.Add("end", "end must be after start.");
        if (dto.End - dto.Start > TimeSpan.FromDays(366)) errors.Add("end", "a campaign may last at most 366 days.");
        if (errors.Any(out problem)) return problem!;
        AuditTrail.SetTarget(request.HttpContext, $"campaign {name}");
        var (named, unknown) = await WatchNames.ResolveAsync(watches, string.Join(",", dto.Watches ?? []), cancellationToken);
        if (unknown is not null) return unknown;
        var campaign = new Core.Storage.Campaign(name, named.Select(w => w.Name).ToList(), dto.Start.ToUniversalTime(), dto.End.ToUniversalTime());
        var created = await store.UpsertCampaignAsync(campaign, cancellationToken);
        return created ? TypedResults.Created($"/api/v1/campaigns/{Uri.EscapeDataString(name)}", ToDto(campaign)) : TypedResults.Ok(ToDto(campaign));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string name, HttpContext http, ICampaignStore store, CancellationToken cancellationToken)
    {
        AuditTrail.SetTarget(http, $"campaign {name}");
        return await store.DeleteCampaignAsync(name, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound($"No campaign named '{name}'.");
    }

    private static async Task<Results<Ok<CampaignReportDto>, ProblemHttpResult>> ReportAsync(
        string name, ICampaignStore store, ISupportStore support, IMentionQueries mentions, TeamRouter teams, CancellationToken cancellationToken)
    {
        var campaign = (await store.ListCampaignsAsync(cancellationToken)).FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        if (campaign is null) return Problems.NotFound($"No campaign named '{name}'; GET /api/v1/campaigns lists them.");
        // The baseline is as long as the campaign and ends the same number of whole weeks earlier, so weekdays line up.
        var length = campaign.End - campaign.Start;
        var weeks = (int)Math.Ceiling(length.TotalDays / 7);
        if (weeks < 1) weeks = 1;
        var shift = TimeSpan.FromDays(7 * weeks);
        var during = await FiguresAsync(campaign.Watches, campaign.Start, campaign.End, support, mentions, teams, cancellationToken);
        var before = await FiguresAsync(campaign.Watches, campaign.Start - shift, campaign.End - shift, support, mentions, teams, cancellationToken);
        return TypedResults.Ok(new CampaignReportDto(ToDto(campaign), during, before, weeks));
    }

    private static async Task<PeriodFiguresDto> FiguresAsync(IReadOnlyList<string> watches, DateTimeOffset from, DateTimeOffset to,
        ISupportStore support, IMentionQueries mentions, TeamRouter teams, CancellationToken cancellationToken)
    {
        long total = 0, negative = 0;
        if (watches.Count == 0)
        {
            var all = await mentions.VolumeByWatchAsync([""], from, to, cancellationToken);
            total = all.Sum(v => v.Total);
            negative = all.Sum(v => v.BySentiment.GetValueOrDefault("negative"));
        }
        else
        {
            // Scanned rather than summed from rollups: a mention of two campaign watches counts once.
            await foreach (var m in mentions.ExportAsync(new MentionFilter(Watches: watches, From: from, To: to), cancellationToken))
            {
                total++;
                if (m.Sentiment.Label == "negative") negative++;
            }
        }
        var rows = await ResponseTimesApi.RowsAsync(support, new ResponseQuery(watches, null, null, null, from, to), "wall", teams, cancellationToken);
        return new PeriodFiguresDto(from, to, total, negative, total == 0 ? null : Math.Round((double)negative / total, 3), ResponseFigures.Compute(rows));
    }

    /// <summary>Campaigns overlapping [from, to) that concern one of <paramref name="watches"/> (any campaign when none are named).</summary>
    internal static async Task<IReadOnlyList<CampaignDto>> OverlappingAsync(
        ICampaignStore store, IReadOnlyList<string> watches, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        (await store.ListCampaignsAsync(cancellationToken))
            .Where(c => c.Overlaps(from, to) && (watches.Count == 0 || c.Watches.Count == 0 || c.Watches.Any(w => watches.Contains(w, StringComparer.OrdinalIgnoreCase))))
            .Select(ToDto).ToList();

    private static CampaignDto ToDto(Core.Storage.Campaign c) => new() { Name = c.Name, Watches = [.. c.Watches], Start = c.Start, End = c.End };
}
