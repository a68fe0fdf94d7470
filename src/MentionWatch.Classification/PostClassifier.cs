using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MentionWatch.Classification.Adaptation;
using MentionWatch.Classification.Features;
using MentionWatch.Classification.Language;
using MentionWatch.Classification.Model;
using MentionWatch.Classification.Text;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification;

/// <summary>
/// Sentiment and needs-reply for a post, from one featurization shared by both models. The two models'
/// 8-bit weights are interleaved per bucket (3 sentiment + 1 needs-reply = one 4-byte load per feature), so
/// each feature costs one cache access, not two, and 2^18 buckets fit the 1 MiB per-core L2 (measured: the
/// table size, not arithmetic, dominated classify time at 2^20 float buckets).
/// </summary>
public sealed unsafe class PostClassifier
{
    private static readonly string[] SentimentLabels = Tasks.LabelsOf(Tasks.Sentiment);
    private readonly FeatureSpec spec;
    private readonly FeatureSpec needsReplySpec;
    private readonly sbyte[] table;
    private readonly sbyte* tablePointer;
    private readonly float[] scales;
    private readonly float[] sentimentBiases;
    private readonly float[] needsReplyBiases;
    private readonly float sentimentTemperature;
    private readonly float needsReplyTemperature;
    private readonly float[] stackWeights;
    private readonly LinearModel sentimentModel;
    private readonly LinearModel needsReplyModel;

    private PostClassifier(LinearModel sentiment, LinearModel needsReply)
    {
        sentimentModel = sentiment;
        needsReplyModel = needsReply;
        needsReplySpec = needsReply.Spec;
        // One featurization serves both: it names handles when needs-reply uses them, and the sink routes
        // handle features to the needs-reply lane only.
        spec = sentiment.Spec with { Handles = needsReply.Spec.Handles };
        int buckets = spec.Buckets;
        // Pinned so the hot path can read it through a pointer without bounds checks.
        table = GC.AllocateArray<sbyte>(buckets * 4, pinned: true);
        tablePointer = (sbyte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref table[0]);
        scales = [sentiment.Scales[0], sentiment.Scales[1], sentiment.Scales[2], needsReply.Scales[0]];
        var sw = sentiment.Quantized;
        var rw = needsReply.Quantized;
        for (int b = 0; b < buckets; b++)
        {
            table[b * 4] = sw[b * 3];
            table[b * 4 + 1] = sw[b * 3 + 1];
            table[b * 4 + 2] = sw[b * 3 + 2];
            table[b * 4 + 3] = rw[b];
        }
        sentimentBiases = sentiment.Biases;
        needsReplyBiases = needsReply.Biases;
        sentimentTemperature = sentiment.Metadata.Temperature;
        needsReplyTemperature = needsReply.Metadata.Temperature;
        stackWeights = needsReply.Metadata.SentimentStackWeights;
        SentimentModelVersion = sentiment.Metadata.Version;
        NeedsReplyModelVersion = needsReply.Metadata.Version;
    }

    /// <summary>The featurization both models share (the sentiment spec, naming handles when needs-reply does).</summary>
    internal FeatureSpec SharedSpec => spec;
    internal LinearModel SentimentModel => sentimentModel;
    internal LinearModel NeedsReplyModel => needsReplyModel;

    /// <summary>Version of the loaded sentiment model (task, format version and checksum).</summary>
    public string SentimentModelVersion { get; }

    /// <summary>Version of the loaded needs-reply model (task, format version and checksum).</summary>
    public string NeedsReplyModelVersion { get; }

    /// <summary>Loads both model files; throws <see cref="ModelFormatException"/> naming the file and the problem.</summary>
    public static PostClassifier Load(string sentimentModelPath, string needsReplyModelPath)
    {
        var sentiment = ModelFile.Read(sentimentModelPath);
        var needsReply = ModelFile.Read(needsReplyModelPath);
        Expect(sentimentModelPath, sentiment, Tasks.Sentiment);
        Expect(needsReplyModelPath, needsReply, Tasks.NeedsReply);
        if (sentiment.Spec.Handles)
            throw new ModelFormatException(sentimentModelPath, "a sentiment model that names handles is not supported here; retrain it without --handles");
        if (sentiment.Spec.StackProblem(needsReply.Spec) is { } mismatch) throw new ModelFormatException(needsReplyModelPath, mismatch);
        if (needsReply.StacksSentiment && needsReply.Metadata.StackedOnSentimentVersion != sentiment.Metadata.Version)
            throw new ModelFormatException(needsReplyModelPath,
                $"it was trained on sentiment model {needsReply.Metadata.StackedOnSentimentVersion} but {sentiment.Metadata.Version} is loaded; retrain needs-reply with --stack-sentiment");
        return new PostClassifier(sentiment, needsReply);
    }

    private static void Expect(string path, LinearModel model, string task)
    {
        var labels = Tasks.LabelsOf(task);
        if (model.Metadata.Task != task || !model.Labels.AsSpan().SequenceEqual(labels))
            throw new ModelFormatException(path,
                $"expected a '{task}' model with labels [{string.Join(", ", labels)}], found task '{model.Metadata.Task}' with labels [{string.Join(", ", model.Labels)}]");
        if (model.Biases.Length != LinearModel.BiasLanguages.Length * model.Outputs)
            throw new ModelFormatException(path, $"expected {LinearModel.BiasLanguages.Length} bias rows");
    }

    /// <summary>Classifies any string (empty, huge, malformed UTF-16, emoji only); thread-safe, no exceptions.</summary>
    public PostClassification Classify(string? text) => Classify(text, null);

    /// <summary>
    /// Classifies with a per-watch <paramref name="adaptation"/> added to the shipped logits (null = shipped scores
    /// exactly). Throws <see cref="ArgumentException"/> when the adaptation was trained over other models.
    /// </summary>
    public PostClassification Classify(string? text, ClassifierAdaptation? adaptation)
    {
        if (adaptation is not null && !adaptation.IsFor(this))
            throw new ArgumentException($"The adaptation was trained over {adaptation.SentimentModelVersion} and {adaptation.NeedsReplyModelVersion}, not the loaded models.", nameof(adaptation));
        try
        {
            return ClassifyCore(text, adaptation);
        }
        catch (Exception) when (text is not null)
        {
            // A defect in normalization must never cost the pipeline a post: score it as if it were empty.
            return ClassifyCore(null, adaptation);
        }
    }

    /// <summary>
    /// The top <paramref name="top"/> reasons behind both scores of a post, in words an agent understands.
    /// Allocates and re-featurizes: for the "why was this flagged" view, never for the pipeline.
    /// </summary>
    public PostExplanation Explain(string? text, int top = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        // Every feature first: a word's unigram and its letters are one reason for an agent, so contributions are summed per description.
        var s = Explainer.Explain(sentimentModel, text, int.MaxValue, charNgramsByWord: true);
        var r = Explainer.Explain(needsReplyModel, text, int.MaxValue, sentimentModel, charNgramsByWord: true);
        string? handle = Explainer.NamedFeatures(needsReplySpec with { Handles = true }, text).Features
            .Select(f => f.Name).FirstOrDefault(n => n.StartsWith("h:", StringComparison.Ordinal))?[2..];
        IReadOnlyList<ScoreReason> Reasons(Explanation e) => e.TopFeatures
            .GroupBy(f => FeatureWords.Describe(f.Feature, handle))
            .Select(g => new ScoreReason(g.Key, string.Join(" + ", g.Select(f => f.Feature)), g.Sum(f => f.Contribution)))
            .Where(x => x.Contribution > 0).OrderByDescending(x => x.Contribution).Take(top).ToList();
        int label = Array.IndexOf(SentimentLabels, s.Label);
        return new PostExplanation(s.Language, s.Label, s.Probabilities[label], r.Label == "1", r.Probabilities[1], Reasons(s), Reasons(r));
    }

    private PostClassification ClassifyCore(string? text, ClassifierAdaptation? adaptation)
    {
        var tokens = TokenBuffer.Current;
        Tokenizer.Tokenize(text, tokens);
        var sink = new WeightSumSink(tablePointer);
        Featurizer.Extract(spec, tokens, ref sink);
        string language = LanguageIdentifier.Decide(tokens);
        // The sink counted handle features among the words; sentiment never saw them.
        var (wordValue, charValue) = spec.BlockValues(sink.WordCount - tokens.HandleFeatures, sink.CharCount);
        var (replyWordValue, replyCharValue) = needsReplySpec.BlockValues(sink.WordCount, sink.CharCount);
        var sum = Vector128.ConvertToSingle(sink.WordSum) * Vector128.Create(wordValue, wordValue, wordValue, replyWordValue)
            + Vector128.ConvertToSingle(sink.CharSum) * Vector128.Create(charValue, charValue, charValue, replyCharValue);
        int row = LinearModel.BiasRow(language);
        Span<float> logits = stackalloc float[3];
        logits[0] = sum.GetElement(0) * scales[0] + sentimentBiases[row * 3];
        logits[1] = sum.GetElement(1) * scales[1] + sentimentBiases[row * 3 + 1];
        logits[2] = sum.GetElement(2) * scales[2] + sentimentBiases[row * 3 + 2];
        Span<float> p = stackalloc float[3];
        LinearModel.Probabilities(logits, 3, sentimentTemperature, p);
        float replyLogit = sum.GetElement(3) * scales[3] + needsReplyBiases[row];
        if (stackWeights.Length > 0) replyLogit += LinearModel.StackTerm(stackWeights, row, p);
        if (adaptation is not null) Adapt(adaptation, tokens, row, logits, p, ref replyLogit);
        float reply = 1f / (1f + MathF.Exp(-replyLogit / needsReplyTemperature));
        int best = p[1] >= p[0] && p[1] >= p[2] ? 1 : p[0] >= p[2] ? 0 : 2;
        return new PostClassification(language, SentimentLabels[best], p[0], p[1], p[2], reply >= 0.5f, reply);
    }

    /// <summary>
    /// Adds an adaptation's deltas to the shipped logits. It re-featurizes the tokens into the thread's bucket buffer
    /// (the hot sink sums weights without keeping buckets), so only adapted posts pay for it; kept out of line so
    /// the shipped path's code stays as it was. Needs-reply keeps the stack term of the shipped sentiment, as in training.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Adapt(ClassifierAdaptation adaptation, TokenBuffer tokens, int row, Span<float> logits, Span<float> p, ref float replyLogit)
    {
        var buffer = FeatureBuffers.Current;
        var sink = new BucketSink(buffer);
        Featurizer.Extract(spec, tokens, ref sink);
        var encoded = buffer.AsSpan(0, sink.Count);
        if (adaptation.Sentiment is { } sentiment)
        {
            sentiment.AddLogits(sentimentModel.Spec, encoded, row, logits);
            LinearModel.Probabilities(logits, 3, sentimentTemperature, p);
        }
        if (adaptation.NeedsReply is { } needsReply)
        {
            Span<float> delta = [0f];
            needsReply.AddLogits(needsReplySpec, encoded, row, delta);
            replyLogit += delta[0];
        }
    }
}
