using System.Buffers;
using System.Text.Json;

namespace MentionWatch.Benchmarks;

/// <summary>
/// Deterministic brand tweets (English and Russian, about three fictional brands) as NDJSON batches. The same seed
/// gives the same posts, ids and timestamps, so runs are comparable. Timestamps fall in the 30 days before
/// <see cref="Anchor"/>, which is in the past so the server accepts them.
/// </summary>
internal static class SyntheticPosts
{
    public static readonly DateTimeOffset Anchor = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Span = TimeSpan.FromDays(30);

    /// <summary>A word that only the last post carries: finding it proves the final batch is searchable.</summary>
    public static string Marker(int seed) => $"benchmarker{seed}zz";

    /// <summary>A word in about one post in ten thousand.</summary>
    public const string RareWord = "zeppelinfest";

    private static readonly string[] Brands = ["Acme Mobile", "Globex Bank", "Initech Air"];
    private static readonly string[] BrandsRu = ["Акме Мобайл", "Глобекс Банк", "Инитек Эйр"];
    private static readonly string[] Handles = ["AcmeMobile", "GlobexBank", "InitechAir"];
    private static readonly string[] Hashtags = ["#acme", "#globex", "#initech"];

    private static readonly string[] En =
    [
        "Just switched to {b} and the app is so much faster now {h}",
        "@{s} my card was charged twice this morning, can you help?",
        "Anyone else having trouble logging into {b} today? {h}",
        "Honestly {b} support fixed my issue in five minutes. Impressed!",
        "{b} battery life on the new plan is terrible, third complaint this week",
        "Waiting 40 minutes on hold with {b}. Still no answer. @{s}",
        "Great deal from {b} this weekend, worth checking out {h}",
        "Is {b} down again? The website keeps timing out",
        "Thanks @{s} for the quick refund, much appreciated",
        "My flight with {b} got delayed three hours and nobody told us",
    ];

    private static readonly string[] Ru =
    [
        "Перешёл на {b}, приложение стало работать намного быстрее {h}",
        "@{s} с карты дважды списали деньги, помогите разобраться",
        "У кого-нибудь ещё не работает приложение {b} сегодня?",
        "Поддержка {b} решила мой вопрос за пять минут, спасибо!",
        "{b} опять подняли цены, это уже третий раз за год",
        "Сорок минут жду ответа от {b}, никто не отвечает @{s}",
        "Отличная акция у {b} на выходных {h}",
        "Рейс {b} задержали на три часа, никакой информации",
    ];

    /// <summary>Writes posts [first, first + count) as one NDJSON body.</summary>
    public static byte[] Batch(int seed, int first, int count, int total)
    {
        var buffer = new ArrayBufferWriter<byte>(count * 320);
        using var writer = new Utf8JsonWriter(buffer);
        for (var n = first; n < first + count; n++)
        {
            WritePost(writer, seed, n, total);
            writer.Flush();
            buffer.Write("\n"u8);
            writer.Reset();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// One post for the alerts benchmark, as a one-line NDJSON body: about Acme Mobile (so it matches a watch), carrying
    /// <paramref name="keyword"/> (which no other post has) and posted at <paramref name="createdAt"/> (now, so a
    /// mention rule's MaxPostAgeMinutes lets it through).
    /// </summary>
    public static byte[] AlertPost(string externalId, string keyword, DateTimeOffset createdAt)
    {
        var buffer = new ArrayBufferWriter<byte>(400);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("source", "bench");
            w.WriteString("id", externalId);
            w.WriteString("text", $"Acme Mobile charged my card twice and support is silent {keyword} {externalId}");
            w.WriteString("createdAt", createdAt);
            w.WriteString("lang", "en");
            w.WriteString("url", $"https://example.com/bench/alerts/{externalId}");
            w.WriteStartObject("author");
            w.WriteString("id", "u-alertbench");
            w.WriteString("handle", "alertbench");
            w.WriteString("name", "Alert Bench");
            w.WriteNumber("followers", 1_000);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>One synthetic post's fields; <see cref="Batch"/> writes them as JSON, the store-only ceiling stores them as they are.</summary>
    internal sealed record Fields(
        string Id, string Text, DateTimeOffset CreatedAt, string Lang, string Url, string AuthorId, string Handle, string Name, int Followers, int Brand);

    /// <summary>Watch names in the order of the brands (the watches <see cref="ApiClient.CreateBenchWatchesAsync"/> creates).</summary>
    public static readonly string[] BrandWatches = ["acme", "globex", "initech"];

    public static Fields Post(int seed, int n, int total)
    {
        var rng = new Random(HashCode.Combine(seed, n));
        var brand = rng.Next(Brands.Length);
        var russian = rng.Next(100) < 35;
        var template = russian ? Ru[rng.Next(Ru.Length)] : En[rng.Next(En.Length)];
        var text = template
            .Replace("{b}", russian ? BrandsRu[brand] : Brands[brand])
            .Replace("{s}", Handles[brand])
            .Replace("{h}", Hashtags[brand]);
        if (rng.Next(10_000) == 0) text += " " + RareWord;
        if (n == total - 1) text += " " + Marker(seed);
        var author = rng.Next(50_000);
        var createdAt = Anchor - Span + TimeSpan.FromSeconds(Span.TotalSeconds * n / Math.Max(1, total));
        return new Fields($"bench-{seed}-{n}", text, createdAt, russian ? "ru" : "en", $"https://example.com/bench/{seed}/{n}",
            $"u{author}", $"user{author}", russian ? $"Пользователь {author}" : $"User {author}", rng.Next(20_000), brand);
    }

    private static void WritePost(Utf8JsonWriter w, int seed, int n, int total)
    {
        var p = Post(seed, n, total);
        w.WriteStartObject();
        w.WriteString("source", "bench");
        w.WriteString("id", p.Id);
        w.WriteString("text", p.Text);
        w.WriteString("createdAt", p.CreatedAt);
        w.WriteString("lang", p.Lang);
        w.WriteString("url", p.Url);
        w.WriteStartObject("author");
        w.WriteString("id", p.AuthorId);
        w.WriteString("handle", p.Handle);
        w.WriteString("name", p.Name);
        w.WriteNumber("followers", p.Followers);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
