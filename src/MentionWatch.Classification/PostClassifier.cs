using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MentionWatch.Classification.Features;
using MentionWatch.Classification.Language;
using MentionWatch.Classification.Model;
using MentionWatch.Classification.Text;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification;

/// <summary>
/// Sentiment and needs-reply for a post, from one featurization shared by both models. The two models'
/// weights are interleaved per bucket (3 sentiment + 1 needs-reply float = one 16-byte load per feature),
/// which measured faster than two separate tables because each feature costs one cache miss, not two.
/// </summary>
public sealed class PostClassifier
{
    private static readonly string[] SentimentLabels = Tasks.LabelsOf(Tasks.Sentiment);
    private readonly FeatureSpec spec;
    private readonly float[] table;
    private readonly float[] sentimentBiases;
    private readonly float[] needsReplyBiases;
    private readonly float sentimentTemperature;
    private readonly float needsReplyTemperature;

    private PostClassifier(LinearModel sentiment, LinearModel needsReply)
    {
        spec = sentiment.Spec;
        int buckets = spec.Buckets;
        table = new float[buckets * 4];
        var s = sentiment.Weights;
        var r = needsReply.Weights;
        for (int b = 0; b < buckets; b++)
        {
            table[b * 4] = s[b * 3];
            table[b * 4 + 1] = s[b * 3 + 1];
            table[b * 4 + 2] = s[b * 3 + 2];
            table[b * 4 + 3] = r[b];
        }
        sentimentBiases = sentiment.Biases;
        needsReplyBiases = needsReply.Biases;
        sentimentTemperature = sentiment.Metadata.Temperature;
        needsReplyTemperature = needsReply.Metadata.Temperature;
        SentimentModelVersion = sentiment.Metadata.Version;
        NeedsReplyModelVersion = needsReply.Metadata.Version;
    }

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
        if (sentiment.Spec != needsReply.Spec)
            throw new ModelFormatException(needsReplyModelPath,
                $"its feature spec {needsReply.Spec} differs from the sentiment model's {sentiment.Spec}; both must be trained with the same features");
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
    public PostClassification Classify(string? text)
    {
        try
        {
            return ClassifyCore(text);
        }
        catch (Exception) when (text is not null)
        {
            // A defect in normalization must never cost the pipeline a post: score it as if it were empty.
            return ClassifyCore(null);
        }
    }

    private PostClassification ClassifyCore(string? text)
    {
        var tokens = TokenBuffer.Current;
        var buckets = FeatureBuffers.Current;
        int n = FeatureBuffers.Featurize(text, spec, tokens, buckets);
        string language = LanguageIdentifier.Decide(tokens);
        var sum = Sum(buckets.AsSpan(0, n));
        float scale = n == 0 ? 0f : 1f / MathF.Sqrt(n);
        int row = LinearModel.BiasRow(language);
        Span<float> logits = stackalloc float[3];
        logits[0] = sum.GetElement(0) * scale + sentimentBiases[row * 3];
        logits[1] = sum.GetElement(1) * scale + sentimentBiases[row * 3 + 1];
        logits[2] = sum.GetElement(2) * scale + sentimentBiases[row * 3 + 2];
        Span<float> p = stackalloc float[3];
        LinearModel.Probabilities(logits, 3, sentimentTemperature, p);
        float reply = 1f / (1f + MathF.Exp(-(sum.GetElement(3) * scale + needsReplyBiases[row]) / needsReplyTemperature));
        int best = p[1] >= p[0] && p[1] >= p[2] ? 1 : p[0] >= p[2] ? 0 : 2;
        return new PostClassification(language, SentimentLabels[best], p[0], p[1], p[2], reply >= 0.5f, reply);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector128<float> Sum(ReadOnlySpan<int> buckets)
    {
        ref float start = ref MemoryMarshal.GetArrayDataReference(table);
        var a = Vector128<float>.Zero;
        var b = Vector128<float>.Zero;
        int i = 0;
        // Two accumulators let two independent loads be in flight while the adds wait.
        for (; i + 1 < buckets.Length; i += 2)
        {
            a += Vector128.LoadUnsafe(ref start, (nuint)buckets[i] * 4);
            b += Vector128.LoadUnsafe(ref start, (nuint)buckets[i + 1] * 4);
        }
        if (i < buckets.Length) a += Vector128.LoadUnsafe(ref start, (nuint)buckets[i] * 4);
        return a + b;
    }
}
