using System.Text.Json.Nodes;

namespace MentionWatch.Server.Tests.Deploy;

/// <summary>
/// deploy/kibana/mentionwatch.ndjson, imported by the setup container through Kibana's saved objects API. Without a Kibana
/// here, what an import needs is checked: one JSON object per line, unique ids, every reference resolved inside the file,
/// the JSON-in-strings Kibana parses, and a data view over the indices the store's template creates.
/// </summary>
[TestFixture]
public sealed class KibanaSavedObjectsTests
{
    private static readonly string File_ = Path.Combine(ComposeFile.DeployDirectory, "kibana", "mentionwatch.ndjson");

    private static List<JsonObject> Objects() =>
        File.ReadAllLines(File_).Where(l => l.Length > 0).Select((line, i) =>
        {
            try
            {
                return JsonNode.Parse(line)!.AsObject();
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new AssertionException($"line {i + 1} is not JSON: {ex.Message}");
            }
        }).ToList();

    [Test]
    public void SavedObjects_EveryLine_IsAnObjectWithTypeIdAndAttributes()
    {
        var objects = Objects();

        Assert.That(objects.Select(o => (string?)o["type"]), Is.EquivalentTo(new[] { "index-pattern", "search", "visualization", "visualization", "visualization", "dashboard" }));
        Assert.That(objects.Select(o => (string?)o["id"]), Is.Unique.And.All.Not.Empty);
        Assert.That(objects.Select(o => o["attributes"]?["title"]?.GetValue<string>()), Is.All.Not.Empty);
    }

    [Test]
    public void SavedObjects_EveryReference_ResolvesToAnObjectInTheFile()
    {
        var objects = Objects();
        var known = objects.Select(o => ((string)o["type"]!, (string)o["id"]!)).ToHashSet();

        foreach (var o in objects)
            foreach (var reference in o["references"]!.AsArray())
                Assert.That(known, Does.Contain(((string)reference!["type"]!, (string)reference["id"]!)), $"{o["id"]} -> {reference["name"]}");
    }

    [Test]
    public void SavedObjects_JsonInStrings_ParsesAndNamesItsReferences()
    {
        foreach (var o in Objects())
        {
            var attributes = o["attributes"]!;
            var names = o["references"]!.AsArray().Select(r => (string)r!["name"]!).ToHashSet();
            if (attributes["kibanaSavedObjectMeta"]?["searchSourceJSON"] is { } source
                && JsonNode.Parse((string)source!)!["indexRefName"] is { } indexRef)
                Assert.That(names, Does.Contain((string)indexRef!), $"{o["id"]}: searchSourceJSON.indexRefName");
            if (attributes["visState"] is { } visState)
                Assert.That(JsonNode.Parse((string)visState!)!["aggs"]!.AsArray(), Is.Not.Empty, $"{o["id"]}: visState");
            if (attributes["panelsJSON"] is { } panelsJson)
                foreach (var panel in JsonNode.Parse((string)panelsJson!)!.AsArray())
                    Assert.That(names, Does.Contain($"{panel!["panelIndex"]}:{panel["panelRefName"]}"), $"{o["id"]}: panel {panel["panelIndex"]}");
        }
    }

    [Test]
    public void DataView_CoversTheMentionIndicesOfTheTemplate()
    {
        var dataView = Objects().Single(o => (string?)o["type"] == "index-pattern")["attributes"]!;
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(ComposeFile.DeployDirectory, "elasticsearch", "mentions-index-template.json")))!;

        Assert.That(template["index_patterns"]!.AsArray().Select(p => (string?)p), Does.Contain((string?)dataView["title"]));
        // A data stream's documents always carry @timestamp, the time field Discover and the dashboard filter on.
        Assert.That((string?)dataView["timeFieldName"], Is.EqualTo("@timestamp"));
    }
}
