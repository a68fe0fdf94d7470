using System.Globalization;
using MentionWatch.Classification.Features;
using MentionWatch.Classification.Tests.Support;
using MentionWatch.Classification.Text.Lexicon;

namespace MentionWatch.Classification.Tests.Text.Lexicon;

public sealed class PolarityLexiconTests
{
    [Test]
    public void ClassOf_EveryLexiconEntry_IsTheClassOfItsFirstNormalizedForm()
    {
        // The table must answer exactly what a dictionary of the file would: the shipped models were trained with one.
        string file = Path.Combine(SharedData.RepositoryRoot(), "src", "MentionWatch.Classification", "Text", "Lexicon", "vader_lexicon.tsv");
        var expected = new Dictionary<ulong, LexiconClass>();
        foreach (var line in File.ReadLines(file).Where(l => !l.StartsWith('#')))
        {
            var fields = line.Split('\t');
            if (fields.Length < 2 || !float.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out float v)) continue;
            var polarity = v == 0 ? LexiconClass.None
                : (v > 0 ? LexiconClass.Positive : LexiconClass.Negative) | (MathF.Abs(v) >= 2f ? LexiconClass.Strong : LexiconClass.None);
            expected.TryAdd(FeatureHash.Of(PolarityLexicon.Normalize(fields[0])), polarity);
        }
        var wrong = expected.Where(e => PolarityLexicon.ClassOf(e.Key) != e.Value).Select(e => e.Key).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(expected, Has.Count.GreaterThan(7000));
            Assert.That(wrong, Is.Empty);
        });
    }

    [Test]
    public void ClassOf_HashesNotInTheLexicon_AreNone()
    {
        var random = new Random(7);
        int found = 0;
        for (int i = 0; i < 200_000; i++)
            if (PolarityLexicon.ClassOf((ulong)random.NextInt64() * 2 + 1) != LexiconClass.None) found++;
        Assert.Multiple(() =>
        {
            Assert.That(found, Is.Zero, "a hash that passes the filter must still be looked up");
            Assert.That(PolarityLexicon.ClassOf(FeatureHash.Of("table")), Is.EqualTo(LexiconClass.None));
            Assert.That(PolarityLexicon.ClassOf(FeatureHash.Of("awful")), Is.EqualTo(LexiconClass.Negative | LexiconClass.Strong));
            Assert.That(PolarityLexicon.ClassOf(0), Is.EqualTo(LexiconClass.None), "0 marks an empty slot");
        });
    }
}
