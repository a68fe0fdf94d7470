using System.Text.Json;
using System.Text.Json.Nodes;
using MentionWatch.Core.Domain;
using MentionWatch.Storage.Contracts;

namespace MentionWatch.Storage.Elasticsearch.Tests.Golden;

/// <summary>
/// The template maps mentions with <c>dynamic: strict</c>: a field the document writer adds without mapping it would
/// make Elasticsearch refuse every mention (document_parsing_exception). This keeps the two in step.
/// </summary>
public sealed class MappingConsistencyTests
{
    [Test]
    public void MentionDocument_EveryFieldItWrites_IsInTheTemplateMapping()
    {
        var post = ContractData.Post("Привет #Acme @help", source: "x", inReplyTo: "1", repostOf: "2") with { ConversationId = "3" };
        var mention = ContractData.Mention(post, watches: ["acme"], brandOf: ["acme"]);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) MentionDocument.Write(writer, mention, 7, 8);
        var document = JsonNode.Parse(stream.ToArray())!.AsObject();
        var mapping = IndexDefinitions.MentionsTemplate(new ElasticsearchIndexNames("mentionwatch"), new ElasticsearchStoreOptions())["template"]!["mappings"]!;

        var missing = Unmapped(document, mapping["properties"]!.AsObject(), "").ToList();

        Assert.That(mapping["dynamic"]!.GetValue<string>(), Is.EqualTo("strict"));
        Assert.That(missing, Is.Empty);
        Assert.That(document.Count, Is.EqualTo(22), "a new mention writes every top-level field of the mapping but labels and the support fields set later");
    }

    [Test]
    public void SupportFields_WrittenInPlace_AreInTheTemplateMapping()
    {
        var mention = ContractData.Mention("kettle");
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) MentionDocument.Write(writer, mention, 7, 8);
        var document = JsonNode.Parse(stream.ToArray())!.AsObject();
        ElasticsearchSupportStore.WriteSupport(document, new MentionSupport(TriageStates.Assigned, "care", "bob", new BrandReply(9, ContractData.T0)));
        document[SupportChangeWriter.Field] = new JsonArray(new JsonObject { ["kind"] = "history", ["_id"] = "7-1", ["doc"] = new JsonObject { ["seq"] = 1 } });
        var mapping = IndexDefinitions.MentionsTemplate(new ElasticsearchIndexNames("mentionwatch"), new ElasticsearchStoreOptions())["template"]!["mappings"]!;
        var properties = mapping["properties"]!.AsObject();

        Assert.That(Unmapped(document, properties, "").ToList(), Is.Empty);
        Assert.That(properties[SupportChangeWriter.Field]!["enabled"]!.GetValue<bool>(), Is.False, "carried, never indexed");
    }

    private static IEnumerable<string> Unmapped(JsonObject document, JsonObject properties, string prefix)
    {
        foreach (var (name, value) in document)
        {
            if (!properties.TryGetPropertyValue(name, out var field)) { yield return prefix + name; continue; }
            if (value is JsonObject inner && field!["enabled"]?.GetValue<bool>() != false)
                foreach (var path in Unmapped(inner, field!["properties"]!.AsObject(), prefix + name + ".")) yield return path;
        }
    }
}
