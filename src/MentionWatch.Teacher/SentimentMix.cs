using MentionWatch.Classification.Model;
using MentionWatch.Classification.Training;

namespace MentionWatch.Teacher;

/// <summary>
/// The teacher's label for a text: the argmax of w·log p_teacher + (1 − w)·log p_ngram, with the n-gram model's
/// probabilities as `mentionwatch classify` prints them (its tuned offsets and temperature included).
/// </summary>
internal sealed class SentimentMix(LinearModel? ngram, float embeddingWeight)
{
    // A probability of 0 would make one model's veto absolute; the floor keeps the mix a weighing.
    private const float Floor = 1e-6f;

    public bool HasNgram => ngram is not null && embeddingWeight < 1;

    /// <summary>The n-gram model's three probabilities per row (row after row), scored once on the trainer's featurization; null without one.</summary>
    public float[]? NgramProbabilities(IReadOnlyList<TsvRow> rows) =>
        HasNgram ? FeaturizedSet.Build(rows.Select((r, i) => new LabeledText(r.Text, 0, "", i + 1)).ToList(), ngram!.Spec).WithSentiment(ngram).Sentiment : null;

    /// <param name="ngramProbabilities">from <see cref="NgramProbabilities"/> for the same rows.</param>
    public int[] Labels(float[][] teacherProbabilities, float[]? ngramProbabilities) => ArgMaxes(Probabilities(teacherProbabilities, ngramProbabilities));

    /// <summary>The mix's class probabilities per row: the normalized exp(w·log p_teacher + (1 − w)·log p_ngram).</summary>
    public float[][] Probabilities(float[][] teacherProbabilities, float[]? ngramProbabilities)
    {
        if (ngramProbabilities is null) return teacherProbabilities;
        var mixed = new float[teacherProbabilities.Length][];
        for (int i = 0; i < mixed.Length; i++)
        {
            var q = teacherProbabilities[i];
            var scores = new double[q.Length];
            for (int k = 0; k < q.Length; k++)
                scores[k] = embeddingWeight * Math.Log(Math.Max(q[k], Floor)) + (1 - embeddingWeight) * Math.Log(Math.Max(ngramProbabilities[i * q.Length + k], Floor));
            double max = scores.Max(), sum = scores.Sum(v => Math.Exp(v - max));
            mixed[i] = scores.Select(v => (float)(Math.Exp(v - max) / sum)).ToArray();
        }
        return mixed;
    }

    public static int[] ArgMaxes(float[][] probabilities) => probabilities.Select(p => Evaluator.ArgMax(p)).ToArray();

    /// <summary>The n-gram model's own label per row.</summary>
    public static int[] ArgMaxes(float[] probabilities, int labelCount) =>
        Enumerable.Range(0, probabilities.Length / labelCount).Select(i => Evaluator.ArgMax(probabilities.AsSpan(i * labelCount, labelCount))).ToArray();
}
