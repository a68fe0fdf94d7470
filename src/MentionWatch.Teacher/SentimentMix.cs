using MentionWatch.Classification.Model;

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

    public int[] Labels(float[][] teacherProbabilities, IReadOnlyList<TsvRow> rows)
    {
        if (!HasNgram) return ArgMaxes(teacherProbabilities);
        var labels = new int[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var p = Explainer.Explain(ngram!, rows[i].Text, 0).Probabilities;
            var q = teacherProbabilities[i];
            int best = 0;
            double bestScore = double.NegativeInfinity;
            for (int k = 0; k < q.Length; k++)
            {
                double score = embeddingWeight * Math.Log(Math.Max(q[k], Floor)) + (1 - embeddingWeight) * Math.Log(Math.Max(p[k], Floor));
                if (score > bestScore) (best, bestScore) = (k, score);
            }
            labels[i] = best;
        }
        return labels;
    }

    public int[] NgramLabels(IReadOnlyList<TsvRow> rows) =>
        rows.Select(r => Classification.Training.Evaluator.ArgMax(Explainer.Explain(ngram!, r.Text, 0).Probabilities)).ToArray();

    public static int[] ArgMaxes(float[][] probabilities) => probabilities.Select(p => Classification.Training.Evaluator.ArgMax(p)).ToArray();
}
