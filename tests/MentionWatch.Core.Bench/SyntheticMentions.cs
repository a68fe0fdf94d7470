using MentionWatch.Core.Domain;

namespace MentionWatch.Core.Bench;

/// <summary>
/// Deterministic English/Russian posts. Term frequencies are chosen so the queries cover the hard cases:
/// "acme" in ~30% of posts (common), "zephyrine" in ~0.05% (rare), "support team" as a phrase in ~5%.
/// </summary>
internal sealed class SyntheticMentions(int seed, DateTimeOffset start, TimeSpan span, int total)
{
    private static readonly string[] English =
        ("the a and to of is in it for on with this that my was but not you have are so just new get out "
        + "kettle teapot phone delivery order refund price service quality broken great love hate slow fast "
        + "help please today again still never always customer app update battery screen box store online "
        + "support team answer reply week month shipping late early cheap expensive recommend review").Split(' ');

    private static readonly string[] Russian =
        ("и в не на я что с по это как а но он она мы они так уже еще очень всё все ёлка "
        + "чайник телефон доставка заказ возврат цена сервис качество сломался отлично люблю ненавижу медленно "
        + "быстро помогите пожалуйста сегодня снова опять никогда всегда клиент приложение обновление батарея "
        + "экран коробка магазин поддержка служба ответ неделя месяц дорого дешево советую отзыв").Split(' ');

    private static readonly string[] Sentiments = ["positive", "neutral", "negative"];
    private static readonly string[] Sources = ["x", "push", "demo"];

    private readonly Random _random = new(seed);
    private int _next;

    public IReadOnlyList<Mention> Next(int count)
    {
        var batch = new List<Mention>(count);
        for (var i = 0; i < count && _next < total; i++, _next++) batch.Add(Create(_next));
        return batch;
    }

    private Mention Create(int n)
    {
        var russian = _random.NextDouble() < 0.35;
        var words = russian ? Russian : English;
        var length = 8 + _random.Next(14);
        var text = new List<string>(length + 4);
        for (var i = 0; i < length; i++) text.Add(words[Zipf(words.Length)]);
        var watches = new List<string>(2);
        if (_random.NextDouble() < 0.30) { text.Insert(_random.Next(text.Count), _random.NextDouble() < 0.2 ? "#Acme" : "Acme"); watches.Add("acme"); }
        if (_random.NextDouble() < 0.10) { text.Insert(_random.Next(text.Count), "Globex"); watches.Add("globex"); }
        if (_random.NextDouble() < 0.05) text.Add(russian ? "служба поддержки" : "support team");
        if (_random.NextDouble() < 0.02) text.Add("spam");
        if (_random.NextDouble() < 0.0005) text.Add("zephyrine");
        if (_random.NextDouble() < 0.05) text.Insert(0, "@acme_help");
        text.Add("w" + _random.Next(200_000));

        // Mostly in time order with a little jitter, as a live feed delivers them.
        var at = start + span * ((double)n / total) + TimeSpan.FromSeconds(_random.Next(-120, 120));
        var handle = "user" + _random.Next(50_000);
        var post = new Post(Sources[_random.Next(Sources.Length)], "p" + n, string.Join(' ', text), at,
            new Author("id" + handle, handle, "User", _random.Next(10_000)), null, russian ? "ru" : "en");
        var sentiment = Sentiments[_random.Next(Sentiments.Length)];
        var p = (float)_random.NextDouble();
        return new Mention(0, post, post.Lang!, watches, [], new SentimentScore(sentiment, p, (1 - p) / 2, (1 - p) / 2),
            new NeedsReplyScore(_random.NextDouble() < 0.1, p), at.AddSeconds(3));
    }

    private int Zipf(int n)
    {
        // Cheap skew: squares a uniform draw so low indexes (stop words) dominate.
        var u = _random.NextDouble();
        return Math.Min(n - 1, (int)(u * u * n));
    }
}
