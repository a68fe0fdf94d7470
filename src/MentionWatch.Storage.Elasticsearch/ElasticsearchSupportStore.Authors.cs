using System.Text.Json.Nodes;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Identities linked by people: one document per unordered pair, its id the pair itself (the smaller identity first),
/// written with <c>_create</c> so a second link of the same pair is refused (409 = already linked).
/// </summary>
public sealed partial class ElasticsearchSupportStore : IAuthorStore
{
    /// <summary>The breadth-first walk stops at this many identities, as the SQLite store's does.</summary>
    private const int MaxIdentities = 1000;

    public Task<bool> LinkAsync(AuthorIdentity a, AuthorIdentity b, string actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (string.CompareOrdinal(Key(a), Key(b)) > 0) (a, b) = (b, a);
        var id = $"{a.Source}\u001f{a.Handle}\u001e{b.Source}\u001f{b.Handle}";
        var document = new SupportDocument(_names.AuthorLinks, id, new JsonObject
        {
            ["a"] = Identity(a), ["b"] = Identity(b), ["actor"] = actor, ["at"] = SupportDocuments.Time(at),
        });
        return _documents.CreateAsync(document, "an identity link", cancellationToken);
    }

    public async Task<IReadOnlyList<AuthorIdentity>> IdentitiesAsync(AuthorIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var found = new List<AuthorIdentity> { identity };
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Key(identity) };
        for (var i = 0; i < found.Count && found.Count < MaxIdentities; i++)
        {
            var current = found[i];
            var request = new JsonObject
            {
                ["query"] = new JsonObject
                {
                    ["bool"] = new JsonObject { ["should"] = new JsonArray(Side("a", current), Side("b", current)), ["minimum_should_match"] = 1 },
                },
                ["sort"] = new JsonArray(Ascending("at")),
            };
            foreach (var hit in await _documents.SearchAllAsync(_names.AuthorLinks, request, "identity links", cancellationToken).ConfigureAwait(false))
            {
                var source = hit["_source"]!;
                var a = ReadIdentity(source["a"]!);
                var other = Same(a, current) ? ReadIdentity(source["b"]!) : a;
                if (seen.Add(Key(other))) found.Add(other);
            }
        }
        return found;
    }

    public async Task<IReadOnlyList<Mention>> MentionsByAsync(IReadOnlyList<AuthorIdentity> identities, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identities);
        if (identities.Count == 0 || limit < 1) return [];
        // Handles ignore case (case-insensitive term on the keyword); the source is exact.
        var request = new JsonObject
        {
            ["size"] = limit,
            ["track_total_hits"] = false,
            ["query"] = new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["should"] = new JsonArray(identities.Select(i => (JsonNode)new JsonObject
                    {
                        ["bool"] = new JsonObject
                        {
                            ["filter"] = new JsonArray(
                                new JsonObject { ["term"] = new JsonObject { ["source"] = i.Source } },
                                new JsonObject { ["term"] = new JsonObject { ["author.handle"] = new JsonObject { ["value"] = i.Handle, ["case_insensitive"] = true } } }),
                        },
                    }).ToArray()),
                    ["minimum_should_match"] = 1,
                },
            },
            ["sort"] = MentionSearch.NewestFirst(),
        };
        var hits = await _documents.SearchAsync(_names.Mentions, request, "mentions of an author", cancellationToken).ConfigureAwait(false);
        return hits.Select(h => MentionDocument.Read(ToElement(h!["_source"]!.AsObject()))).ToList();
    }

    private static JsonObject Side(string side, AuthorIdentity identity) => new()
    {
        ["bool"] = new JsonObject
        {
            ["filter"] = new JsonArray(
                new JsonObject { ["term"] = new JsonObject { [side + ".source"] = identity.Source } },
                new JsonObject { ["term"] = new JsonObject { [side + ".handle"] = identity.Handle } }),
        },
    };

    private static JsonObject Identity(AuthorIdentity identity) => new() { ["source"] = identity.Source, ["handle"] = identity.Handle };

    private static AuthorIdentity ReadIdentity(JsonNode node) => new(node["source"]!.GetValue<string>(), node["handle"]!.GetValue<string>());

    private static bool Same(AuthorIdentity x, AuthorIdentity y) => x.Source == y.Source && x.Handle == y.Handle;

    private static string Key(AuthorIdentity identity) => identity.Source.ToLowerInvariant() + "\u001f" + identity.Handle.ToLowerInvariant();
}
