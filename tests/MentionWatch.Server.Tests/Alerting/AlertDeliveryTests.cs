using System.Net;
using System.Security.Cryptography;
using System.Text;
using MentionWatch.Server.Tests.Alerting.Support;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Alerting;

/// <summary>Alerts from ingest to webhook on the real server: shape, signature, outages, independence of notifiers.</summary>
[TestFixture]
public sealed class AlertDeliveryTests
{
    [Test]
    public async Task Ingest_MatchingPost_PagesOnceWithSignedWebhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(AlertSettings.Merge(
            AlertSettings.AcmeWatch(), AlertSettings.Webhook("oncall", receiver.Url), AlertSettings.KeywordRule("refunds", "refund", "none", "oncall")));

        var post = Some.Post("Acme charged me twice, I want a refund now", handle: "angry_ann");
        await server.Analyst.IngestOkAsync(Some.Array(post, Some.Post("Acme is fine today")));

        var arrival = (await receiver.WaitAcceptedCountAsync(1)).Single();
        Assert.That(arrival.Type, Is.EqualTo("alert.triggered"));
        var alert = arrival.Body["alert"]!;
        Assert.That((string?)alert["rule"], Is.EqualTo("refunds"));
        Assert.That((string?)alert["watch"], Is.EqualTo("acme"));
        Assert.That((string?)alert["state"], Is.EqualTo("open"));
        Assert.That((int)alert["count"]!, Is.EqualTo(1));
        var mention = alert["mentions"]![0]!;
        Assert.That((string?)mention["externalId"], Is.EqualTo((string?)post["id"]));
        Assert.That((string?)mention["text"], Does.Contain("refund"));
        Assert.That((string?)mention["author"]!["handle"], Is.EqualTo("angry_ann"));

        // The alert is in the API with its delivery recorded as delivered.
        var id = (long)alert["id"]!;
        var detail = await server.Viewer.GetJsonAsync($"/api/v1/alerts/{id}");
        Assert.That(detail["mentions"]!.AsArray(), Has.Count.EqualTo(1));
        var delivery = detail["deliveries"]![0]!;
        Assert.That((string?)delivery["state"], Is.EqualTo("delivered"));
        Assert.That((string?)delivery["deliveryId"], Is.EqualTo(arrival.Id));
        Assert.That(receiver.Arrivals, Has.Count.EqualTo(1), "one page for one complaint; the non-matching post pages nothing");
    }

    [Test]
    public async Task Webhook_Signature_VerifiesWithTheSecret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(AlertSettings.Merge(
            AlertSettings.AcmeWatch(), AlertSettings.Webhook("oncall", receiver.Url), AlertSettings.KeywordRule("refunds", "refund", "none", "oncall")));
        await server.Analyst.IngestOkAsync(Some.Array(Some.Post("acme refund please")));
        var arrival = (await receiver.WaitAcceptedCountAsync(1)).Single();
        Assert.That(SignatureProblem(arrival), Is.Null);
    }

    [Test]
    public async Task ReceiverDown_503ThenTimeouts_EveryEventArrivesOnceAfterRecovery()
    {
        await using var receiver = await WebhookReceiver.StartAsync(ReceiverMode.Fail503);
        await using var server = await TestServer.StartAsync(AlertSettings.Merge(
            AlertSettings.AcmeWatch(), AlertSettings.Webhook("oncall", receiver.Url), AlertSettings.KeywordRule("refunds", "refund", "none", "oncall")));

        var posts = Enumerable.Range(0, 5).Select(i => (System.Text.Json.Nodes.JsonNode)Some.Post($"acme refund number {i}")).ToArray();
        await server.Analyst.IngestOkAsync(Some.Array(posts));
        await WaitUntilAsync(() => receiver.Arrivals.Count >= 3, "the receiver to see failing attempts");
        receiver.Mode = ReceiverMode.Hang;
        await WaitUntilAsync(() => receiver.Arrivals.Count(a => !a.Accepted) >= 4, "a timed-out attempt");
        receiver.Mode = ReceiverMode.Accept;

        var accepted = await receiver.WaitAcceptedCountAsync(5);
        // An attempt is recorded only after its answer came back, so once nothing is pending every request ever sent
        // has reached the receiver: a second send of an accepted delivery would be in Arrivals now.
        var outbox = server.Services.GetRequiredService<MentionWatch.Core.Storage.IAlertStore>();
        await Wait.ForAsync(async () => (await outbox.PendingDeliveriesAsync(CancellationToken.None)).Count == 0, "the outbox drained");
        var byId = receiver.Accepted.GroupBy(a => a.Id).ToList();
        Assert.That(byId, Has.Count.EqualTo(5), "one event per complaint");
        Assert.That(byId.All(g => g.Count() == 1), Is.True, "an accepted delivery is never sent again");
        Assert.That(accepted.Select(a => (string?)a.Body["alert"]!["mentions"]![0]!["text"]),
            Is.EquivalentTo(posts.Select(p => (string?)p["text"])));
        var failedAttempts = receiver.Arrivals.Where(a => !a.Accepted).Select(a => a.Id).Distinct();
        Assert.That(failedAttempts, Is.SubsetOf(byId.Select(g => g.Key)), "retries carry the same webhook-id");
    }

    [Test]
    public async Task OneNotifierDown_DoesNotDelayAnother()
    {
        await using var down = await WebhookReceiver.StartAsync(ReceiverMode.Hang);
        await using var healthy = await WebhookReceiver.StartAsync();
        await using var server = await TestServer.StartAsync(AlertSettings.Merge(
            AlertSettings.AcmeWatch(), AlertSettings.Webhook("down", down.Url), AlertSettings.Webhook("healthy", healthy.Url),
            AlertSettings.KeywordRule("refunds", "refund", "none", "down", "healthy")));

        for (var i = 0; i < 3; i++) await server.Analyst.IngestOkAsync(Some.Array(Some.Post($"acme refund {i}")));
        await healthy.WaitAcceptedCountAsync(3, TimeSpan.FromSeconds(10));
        Assert.That(down.Accepted, Is.Empty, "the hanging receiver has accepted nothing, yet the healthy one got every page");
        down.Mode = ReceiverMode.Accept;
        await down.WaitAcceptedCountAsync(3);
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => Wait.ForAsync(condition, what, TimeSpan.FromSeconds(30));

    /// <summary>Checks a webhook's Standard Webhooks signature independently of the product's code; null when it holds.</summary>
    private static string? SignatureProblem(WebhookArrival arrival)
    {
        var key = Convert.FromBase64String(AlertSettings.Secret["whsec_".Length..]);
        var headers = arrival.Headers!;
        var signed = $"{arrival.Id}.{headers["webhook-timestamp"]}.{arrival.RawBody}";
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed)));
        return headers["webhook-signature"] == expected ? null : $"signature {headers["webhook-signature"]} != {expected}";
    }
}
