using MentionWatch.Classification.Training;
using MentionWatch.Teacher;

namespace MentionWatch.Teacher.Tests;

/// <summary>The real MiniLM and Arctic-embed-xs encoders and ML.NET on small TSVs: embed, teach, and the overlay `mentionwatch train` reads.</summary>
[TestFixture]
public sealed class TeacherTests
{
    private static readonly string[] Negative =
    [
        "This is terrible, I hate it", "Worst service ever, totally useless", "I am so angry and disappointed",
        "Awful experience, never again", "The food was disgusting and cold", "Broken on arrival, what a waste of money",
        "I feel miserable today", "Horrible support, they ignored me", "This is a disaster",
        "Sad and upset about the news", "The app crashes all the time, so annoying", "Rude staff and a dirty room",
    ];

    private static readonly string[] Neutral =
    [
        "The meeting is at 3 pm on Tuesday", "The store opens at nine", "The report has twelve pages",
        "Trains leave every twenty minutes", "The museum is on Main Street", "The package weighs two kilograms",
        "The conference starts next Monday", "The library is closed on Sundays", "There are four chairs in the room",
        "The bus stop moved to the corner", "The form asks for a postal code", "The update is version 2.1",
    ];

    private static readonly string[] Positive =
    [
        "I love this, it is wonderful", "Best day ever, so happy", "Amazing service, thank you so much",
        "What a great experience", "The food was delicious", "I am thrilled with the results",
        "Fantastic support, they were very kind", "This made me smile", "Brilliant work, well done",
        "So grateful for my friends", "Beautiful view and lovely people", "Excellent quality, highly recommended",
    ];

    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory("teacher");

    [TearDown]
    public void TearDown() => _dir.Dispose();

    [Test]
    public void Teach_LabelsUnseenTextsByMeaning_AsAnOverlayTheTrainerReads()
    {
        // The transfer texts share no content word with the labelled rows: only the sentence embedding relates them.
        string[] transfer = ["The hotel was filthy and the receptionist shouted at us", "Gorgeous sunset, a perfect evening with my family"];
        var (train, transferTsv) = (WriteLabelled("train.tsv"), WriteTexts("transfer.tsv", transfer));
        Embed(train, "train.bin");
        Embed(transferTsv, "transfer.bin");
        var report = new StringWriter();

        int exit = TeachCommand.Run(Settings(transferTsv, holdout: "new", ngram: null, embeddingWeight: 1f), report);

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(report.ToString(), Does.Contain("period new (").And.Contain("teacher trained on 27 rows"), "one row of each class in four is held out");
        var labels = Tasks.LabelsOf(Tasks.Sentiment);
        var read = LabelOverlay.Read(transferTsv, _dir.File("overlay.tsv"), labels);
        Assert.That(read.Select(r => (r.Text, labels[r.Label])), Is.EqualTo(new[] { (transfer[0], "negative"), (transfer[1], "positive") }));
    }

    [Test]
    public void Teach_WithAnNgramModel_ReportsTheTeacherTheNgramsAndTheirMix()
    {
        var modelPath = Path.Combine(RepositoryPaths.Root(), "models", "sentiment.mwm");
        var (train, transferTsv) = (WriteLabelled("train.tsv"), WriteTexts("transfer.tsv", ["Absolutely furious with this company", "Thanks, that was lovely"]));
        Embed(train, "train.bin");
        Embed(transferTsv, "transfer.bin");
        var report = new StringWriter();

        TeachCommand.Run(Settings(transferTsv, holdout: "new", ngram: modelPath, embeddingWeight: 0.5f), report);

        Assert.That(report.ToString(), Does.Match(@"period new \(9 rows\), macro-recall: teacher [01]\.\d{4}, n-gram [01]\.\d{4}, mix [01]\.\d{4}"));
        var labels = Tasks.LabelsOf(Tasks.Sentiment);
        var read = LabelOverlay.Read(transferTsv, _dir.File("overlay.tsv"), labels);
        Assert.That(read.Select(r => labels[r.Label]), Is.EqualTo(new[] { "negative", "positive" }));
    }

    [Test]
    public void Teach_Soft_WritesProbabilitiesAsWeightedRows_AndOutOfFoldTargetsForItsOwnRowsButNotTheHeldOutPeriod()
    {
        string[] transfer = ["The hotel was filthy and the receptionist shouted at us", "Gorgeous sunset, a perfect evening with my family"];
        var (train, transferTsv) = (WriteLabelled("train.tsv"), WriteTexts("transfer.tsv", transfer));
        Embed(train, "train.bin");
        Embed(transferTsv, "transfer.bin");
        var outOfFold = _dir.File("oof.tsv");

        TeachCommand.Run(Settings(transferTsv, holdout: "new", ngram: null, embeddingWeight: 1f) with { SoftFloor = 0.02f, OutOfFold = outOfFold }, TextWriter.Null);

        var labels = Tasks.LabelsOf(Tasks.Sentiment);
        var soft = LabelOverlay.Read(transferTsv, _dir.File("overlay.tsv"), labels);
        Assert.That(soft.Select(r => r.Text), Is.EqualTo(transfer), "one row per text");
        foreach (var row in soft)
        {
            Assert.That(row.Weight, Is.EqualTo(1).Within(0.002), $"the teacher's probabilities add up to one: {row.Text}");
            Assert.That(row.Targets!.Sum(), Is.EqualTo(1).Within(1e-5), $"one text's targets are a distribution: {row.Text}");
        }
        Assert.That(soft.Select(r => labels[r.Label]), Is.EqualTo(new[] { "negative", "positive" }));

        var ownRows = LabelOverlay.Read(train, outOfFold, labels);
        var heldOut = Negative.Concat(Neutral).Concat(Positive).Where((_, i) => i % 12 % 4 == 3).ToHashSet();
        Assert.That(ownRows.Select(r => r.Text).Distinct().Count(), Is.EqualTo(27), "every training row of the old period, once");
        Assert.That(ownRows.Any(r => heldOut.Contains(r.Text)), Is.False, "the held-out period never gets a target");
    }

    [Test]
    public void Teach_TransferTsvChangedSinceItWasEmbedded_FailsSayingWhatToDo_AndWritesNothing()
    {
        var (train, transferTsv) = (WriteLabelled("train.tsv"), WriteTexts("transfer.tsv", ["first text"]));
        Embed(train, "train.bin");
        Embed(transferTsv, "transfer.bin");
        File.AppendAllText(transferTsv, "a row added later\n");

        var e = Assert.Throws<InvalidDataException>(() => TeachCommand.Run(Settings(transferTsv, holdout: null, ngram: null, embeddingWeight: 1f), TextWriter.Null));

        Assert.That(e!.Message, Does.Contain("transfer.bin").And.Contain("run 'mentionwatch-teacher embed' again"));
        Assert.That(File.Exists(_dir.File("overlay.tsv")), Is.False);
    }

    [Test]
    public void Teach_UnknownLabelInTheTrainingRows_FailsNamingTheRowAndLabel()
    {
        var train = _dir.File("bad.tsv");
        File.WriteAllText(train, "text\tlabel\nfine words\tpositive\nodd words\tmixed\n");
        var transferTsv = WriteTexts("transfer.tsv", ["anything"]);
        Embed(train, "train.bin");
        Embed(transferTsv, "transfer.bin");

        var e = Assert.Throws<DataFormatException>(() => TeachCommand.Run(Settings(transferTsv, holdout: null, ngram: null, embeddingWeight: 1f), TextWriter.Null));

        Assert.That(e!.Message, Does.Contain("row 2 has label 'mixed'"));
    }

    [Test]
    public void Embed_BothEncoders_GivesEachTextMiniLmsVectorThenArcticXsOnes()
    {
        var tsv = WriteTexts("texts.tsv", ["The app keeps crashing", "Lovely weather today"]);
        Embed(tsv, "minilm.bin", SentenceEncoders.MiniLm);
        Embed(tsv, "arctic.bin", SentenceEncoders.ArcticXs);
        Embed(tsv, "both.bin", SentenceEncoders.Both);

        var (_, miniLm, miniLmName) = EmbeddingCache.Read(_dir.File("minilm.bin"));
        var (_, arctic, arcticName) = EmbeddingCache.Read(_dir.File("arctic.bin"));
        var (_, both, bothName) = EmbeddingCache.Read(_dir.File("both.bin"));

        Assert.That((miniLmName, arcticName, bothName), Is.EqualTo((SentenceEncoders.MiniLm, SentenceEncoders.ArcticXs, SentenceEncoders.Both)));
        Assert.That(both.Select(v => v.Length), Is.All.EqualTo(768));
        Assert.That(arctic[0], Is.Not.EqualTo(miniLm[0]).Within(1e-3f), "two encoders, two views of a text");
        for (var i = 0; i < both.Length; i++)
            Assert.That(both[i], Is.EqualTo(miniLm[i].Concat(arctic[i]).ToArray()).Within(1e-4f), $"text {i}");
    }

    [Test]
    public void Teach_TransferEmbeddedByAnotherEncoder_IsRefusedSayingWhichEmbedToRun_AndWritesNothing()
    {
        var (train, transferTsv) = (WriteLabelled("train.tsv"), WriteTexts("transfer.tsv", ["first text"]));
        Embed(train, "train.bin");
        Embed(transferTsv, "transfer.bin", SentenceEncoders.ArcticXs);
        var outOfFold = _dir.File("oof.tsv");

        var e = Assert.Throws<ArgumentException>(() => TeachCommand.Run(
            Settings(transferTsv, holdout: null, ngram: null, embeddingWeight: 1f) with { OutOfFold = outOfFold }, TextWriter.Null));

        Assert.That(e!.Message, Does.Contain("transfer.bin was embedded with arctic-xs").And.Contain("run 'embed --encoder minilm' on it"));
        Assert.That(File.Exists(_dir.File("overlay.tsv")) || File.Exists(outOfFold), Is.False);
    }

    [Test]
    public void Lane_LearnsPerWordLogitsFromStaticMiniLmVectors_WithTheBiasRowFirst_AndWordsUnseenInTrainingFromTheVocabulary()
    {
        var modelPath = Path.Combine(RepositoryPaths.Root(), "models", "sentiment.mwm");
        // "dreadful" and "marvellous" are in no labelled row: the vocabulary file gives them a vector, the encoder a meaning.
        var vocabulary = WriteTexts("vocabulary.tsv", ["a dreadful evening", "a marvellous evening"]);
        var report = new StringWriter();

        // A file labelled for both tasks, as models/train/brand-support.tsv is: its English rows join training, its Russian one does not.
        var extra = _dir.File("extra.tsv");
        File.WriteAllLines(extra, ["text\tlang\tsentiment\tneeds_reply", "The courier lost my parcel again\ten\tnegative\t1",
            "Thanks for the quick refund\ten\tpositive\t0", "Верните деньги\tru\tnegative\t1"]);

        int exit = LaneCommand.Run(new LaneSettings(WriteLabelled("train.tsv"), modelPath, _dir.File("lane.tsv"), "new", Val: null, vocabulary, Sif: 1e-3f, L2: 0.01f,
            Extra: [extra], ExtraWeight: 2f), report, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(report.ToString(), Does.Contain("lane trained on 27 rows and 2 extra rows at weight 2").And.Match(@"period new \(9 rows\), lane alone macro-recall [01]\.\d{4}"));
        var lines = File.ReadAllLines(_dir.File("lane.tsv"));
        Assert.That(lines[0], Is.EqualTo("token\tnegative\tneutral\tpositive"));
        Assert.That(lines[1], Does.StartWith(WordLane.BiasToken + "\t"));
        var lane = WordLane.Read(_dir.File("lane.tsv"), 1f).Words.ToDictionary(w => w.Token, w => w.Logits);
        Assert.That(lane.Keys, Does.Contain("dreadful").And.Contain("marvellous").And.Contain("courier").And.Not.Contain("twenty"), "no word only the held-out period has");
        float Margin(string word) => lane[word][2] - lane[word][0];
        Assert.That(Margin("marvellous"), Is.GreaterThan(Margin("dreadful")), "the unseen words lean the way their meaning does");
    }

    [Test]
    public void Lane_LikeANeedsReplyModel_IsRefusedBeforeTheEncoderLoads()
    {
        var modelPath = Path.Combine(RepositoryPaths.Root(), "models", "needs-reply.mwm");

        var e = Assert.Throws<ArgumentException>(() => LaneCommand.Run(
            new LaneSettings(WriteLabelled("train.tsv"), modelPath, _dir.File("lane.tsv"), null, null, null, 1e-3f, 1f), TextWriter.Null, CancellationToken.None));

        Assert.That(e!.Message, Does.Contain("is a needs-reply model, not a sentiment model"));
        Assert.That(File.Exists(_dir.File("lane.tsv")), Is.False);
    }

    private TeachSettings Settings(string transferTsv, string? holdout, string? ngram, float embeddingWeight) =>
        new(_dir.File("train.bin"), _dir.File("transfer.bin"), transferTsv, _dir.File("overlay.tsv"), holdout, Val: null, ngram, embeddingWeight, L2: 0.01f);

    private void Embed(string tsv, string cache, string encoder = SentenceEncoders.MiniLm) =>
        EmbedCommand.Run(tsv, _dir.File(cache), TextWriter.Null, CancellationToken.None, encoder);

    // Every fourth row of each class is in period "new", the rest in "old".
    private string WriteLabelled(string name)
    {
        var lines = new List<string> { "text\tlabel\tperiod" };
        foreach (var (texts, label) in new[] { (Negative, "negative"), (Neutral, "neutral"), (Positive, "positive") })
            lines.AddRange(texts.Select((t, i) => $"{t}\t{label}\t{(i % 4 == 3 ? "new" : "old")}"));
        var path = _dir.File(name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private string WriteTexts(string name, string[] texts)
    {
        var path = _dir.File(name);
        File.WriteAllLines(path, new[] { "text" }.Concat(texts));
        return path;
    }
}
