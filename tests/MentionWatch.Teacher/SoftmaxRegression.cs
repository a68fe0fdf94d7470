namespace MentionWatch.Teacher;

/// <summary>
/// Multinomial logistic regression on standardized embeddings, trained by mini-batch Adam with L2.
/// Class-balanced: each row's loss is weighted by N / (K * rows of its class), so the rare negative class
/// counts as much as the others (the metric is macro-recall).
/// </summary>
internal sealed class SoftmaxRegression
{
    private readonly float[] _mean;
    private readonly float[] _scale;
    private readonly float[,] _weights; // [class, dim + 1], last column the bias
    private readonly int _classes;

    private SoftmaxRegression(float[] mean, float[] scale, float[,] weights, int classes)
    {
        _mean = mean;
        _scale = scale;
        _weights = weights;
        _classes = classes;
    }

    public static SoftmaxRegression Train(float[][] x, int[] y, int classes, float l2, int epochs, int seed)
    {
        var dim = x[0].Length;
        var (mean, scale) = Standardization(x, dim);
        var z = x.Select(v => Standardize(v, mean, scale)).ToArray();
        var counts = new int[classes];
        foreach (var label in y) counts[label]++;
        var classWeight = counts.Select(c => c == 0 ? 0f : (float)y.Length / (classes * c)).ToArray();

        var w = new float[classes, dim + 1];
        var m = new float[classes, dim + 1];
        var v2 = new float[classes, dim + 1];
        var grad = new float[classes, dim + 1];
        const float learningRate = 1e-3f, beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
        const int batchSize = 128;
        var order = Enumerable.Range(0, z.Length).ToArray();
        var random = new Random(seed);
        var step = 0;
        var probs = new float[classes];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < order.Length; start += batchSize)
            {
                Array.Clear(grad);
                var end = Math.Min(start + batchSize, order.Length);
                for (var b = start; b < end; b++)
                {
                    var row = z[order[b]];
                    var label = y[order[b]];
                    Probabilities(w, row, probs, classes);
                    for (var k = 0; k < classes; k++)
                    {
                        var g = classWeight[label] * (probs[k] - (k == label ? 1f : 0f));
                        for (var d = 0; d < dim; d++) grad[k, d] += g * row[d];
                        grad[k, dim] += g;
                    }
                }
                var n = end - start;
                step++;
                var correction1 = 1 - MathF.Pow(beta1, step);
                var correction2 = 1 - MathF.Pow(beta2, step);
                for (var k = 0; k < classes; k++)
                {
                    for (var d = 0; d <= dim; d++)
                    {
                        var g = grad[k, d] / n + (d < dim ? l2 * w[k, d] : 0f);
                        m[k, d] = beta1 * m[k, d] + (1 - beta1) * g;
                        v2[k, d] = beta2 * v2[k, d] + (1 - beta2) * g * g;
                        w[k, d] -= learningRate * (m[k, d] / correction1) / (MathF.Sqrt(v2[k, d] / correction2) + epsilon);
                    }
                }
            }
        }
        return new SoftmaxRegression(mean, scale, w, classes);
    }

    public float[] Predict(float[] vector)
    {
        var probs = new float[_classes];
        Probabilities(_weights, Standardize(vector, _mean, _scale), probs, _classes);
        return probs;
    }

    private static void Probabilities(float[,] w, float[] row, float[] probs, int classes)
    {
        var dim = row.Length;
        var max = float.NegativeInfinity;
        for (var k = 0; k < classes; k++)
        {
            var s = w[k, dim];
            for (var d = 0; d < dim; d++) s += w[k, d] * row[d];
            probs[k] = s;
            max = Math.Max(max, s);
        }
        var sum = 0f;
        for (var k = 0; k < classes; k++) { probs[k] = MathF.Exp(probs[k] - max); sum += probs[k]; }
        for (var k = 0; k < classes; k++) probs[k] /= sum;
    }

    private static (float[] Mean, float[] Scale) Standardization(float[][] x, int dim)
    {
        var mean = new float[dim];
        var scale = new float[dim];
        foreach (var v in x) for (var d = 0; d < dim; d++) mean[d] += v[d] / x.Length;
        foreach (var v in x) for (var d = 0; d < dim; d++) scale[d] += (v[d] - mean[d]) * (v[d] - mean[d]) / x.Length;
        for (var d = 0; d < dim; d++) scale[d] = 1f / MathF.Sqrt(scale[d] + 1e-12f);
        return (mean, scale);
    }

    private static float[] Standardize(float[] v, float[] mean, float[] scale)
    {
        var z = new float[v.Length];
        for (var d = 0; d < v.Length; d++) z[d] = (v[d] - mean[d]) * scale[d];
        return z;
    }
}
