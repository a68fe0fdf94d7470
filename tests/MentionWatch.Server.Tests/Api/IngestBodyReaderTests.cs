using System.Text;
using System.Text.Json;
using MentionWatch.Server.Api;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Api;

/// <summary>
/// Bodies large enough to be deserialized on several threads (IngestBodyReader's threshold is 256 items) keep every
/// item at its own index, bad ones included.
/// </summary>
[TestFixture]
public sealed class IngestBodyReaderTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    private static readonly int[] BadLines = [3, 299, 450, 599];

    [Test]
    public void ParseNdjson_LargeBodyWithBadAndBlankLines_EveryItemKeepsItsIndex()
    {
        var body = new StringBuilder();
        for (var i = 0; i < 600; i++)
        {
            body.Append(BadLines.Contains(i) ? "{\"source\": oops" : Some.Post(id: $"nd-{i}").ToJsonString());
            // Windows line ends and blank lines are not items.
            body.Append(i % 7 == 0 ? "\r\n\n  \n" : "\n");
        }

        var items = IngestBodyReader.ParseNdjson(Encoding.UTF8.GetBytes(body.ToString()), Options);

        Assert.That(items.Select(i => i.Index), Is.EqualTo(Enumerable.Range(0, 600)));
        Assert.That(items.Where(i => i.Post is null).Select(i => i.Index), Is.EqualTo(BadLines));
        Assert.That(items.Where(i => i.Post is null).Select(i => i.Error), Has.All.Not.Null);
        Assert.That(items.Where(i => i.Post is not null).Select(i => i.Post!.Id),
            Is.EqualTo(Enumerable.Range(0, 600).Except(BadLines).Select(i => $"nd-{i}")));
    }

    [Test]
    public void ParseArray_LargeArrayWithWrongTypedItems_EveryItemKeepsItsIndex()
    {
        var items = Enumerable.Range(0, 400).Select(i => i == 300 ? "42" : Some.Post(id: $"arr-{i}").ToJsonString());
        var body = Encoding.UTF8.GetBytes("[" + string.Join(",", items) + "]");

        var parsed = IngestBodyReader.ParseArray(body, Options);

        Assert.That(parsed.Select(i => i.Index), Is.EqualTo(Enumerable.Range(0, 400)));
        Assert.That(parsed[300].Post, Is.Null);
        Assert.That(parsed[300].Error, Is.Not.Null);
        Assert.That(parsed.Where(i => i.Index != 300).Select(i => i.Post!.Id), Is.EqualTo(Enumerable.Range(0, 400).Where(i => i != 300).Select(i => $"arr-{i}")));
    }
}
