using System.Text.Json.Nodes;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Hosting;

/// <summary>Log:Format=json on the built server: compact JSON lines, the request log carrying the key's name as a property.</summary>
[TestFixture]
public sealed class RequestLogJsonTests
{
    [Test]
    public async Task RequestLog_JsonFormat_IsCompactJsonWithKeyNameMethodPathStatusElapsed()
    {
        var store = TempDirectory.Create("store");
        try
        {
            using var server = await ServerProcess.StartAsync(store, TestServer.AdminKey, ServerProcess.FreePort(), environment: new Dictionary<string, string?>
            {
                ["Log__Format"] = "json",
                ["Serilog__MinimumLevel__Default"] = "Information",
            });
            using var client = new HttpClient { BaseAddress = server.Url };
            client.DefaultRequestHeaders.Add("X-Api-Key", TestServer.AdminKey);
            using var response = await client.GetAsync("/api/v1/watches?secret=query-value");

            // Log lines are read from the child's pipe asynchronously.
            var line = await Wait.ForValueAsync(() => server.Output.Where(l => l.StartsWith('{') && l.Contains("\"RequestPath\"", StringComparison.Ordinal))
                .Select(l => JsonNode.Parse(l)!.AsObject()).FirstOrDefault(o => (string?)o["RequestPath"] == "/api/v1/watches"),
                found => found is not null, "the JSON request log line of GET /api/v1/watches");

            Assert.That(line!.ContainsKey("@t") && line.ContainsKey("@m"), Is.True, line.ToJsonString());
            Assert.That((string?)line["@m"], Does.Contain("for key \"admin\""));
            Assert.That((string?)line["KeyName"], Is.EqualTo("admin"));
            Assert.That((string?)line["RequestMethod"], Is.EqualTo("GET"));
            Assert.That((int?)line["StatusCode"], Is.EqualTo(200));
            Assert.That((double?)line["Elapsed"], Is.GreaterThan(0));
            Assert.That(server.Output, Has.None.Contains(TestServer.AdminKey));
            Assert.That(server.Output, Has.None.Contains("query-value"));
        }
        finally
        {
            TempDirectory.Delete(store);
        }
    }
}
