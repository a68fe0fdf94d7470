using MentionWatch.Classification.Features;
using MentionWatch.Classification.Model;

namespace MentionWatch.Classification.Training;

/// <summary>
/// Trains a <see cref="LinearModel"/> with AdaGrad (per-weight step sizes lr/sqrt(sum of squared gradients))
/// on the class-weighted log loss. Single-threaded with a seeded shuffle, so a seed fixes the result.
/// </summary>
internal static class Trainer
{
    public static LinearModel Train(FeaturizedSet data, ModelMetadata metadata, TrainingOptions options, IProgress<double>? progress = null)
    {
        if (options.Lane is { } lane) options = options with { Lane = lane.InOrder(metadata.Labels) };
        var trained = options.SeedAverage <= 1
            ? TrainOne(data, metadata.Labels.Length, options, progress)
            : TrainAveraged(data, metadata.Labels.Length, options, progress);
        // Added after training, not as its starting point: started from the lane's weights (and pulled towards them by
        // L2), the n-gram model learned to undo it on the training rows and kept half its later-period gain (+0.005
        // against +0.009). Every model of a run gets it, the hold-out members bias tuning scores too, so the offsets are
        // tuned for the model that ships.
        options.Lane?.AddTo(trained.Weights, trained.Biases, options.Features, LinearModel.OutputsFor(metadata.Labels.Length));
        metadata.SentimentStackWeights = trained.Stack;
        metadata.Features = options.Features;
        metadata.Seed = options.Seed;
        metadata.Trainer = options.Describe();
        metadata.Languages = LinearModel.BiasLanguages;
        return LinearModel.FromTrained(metadata, trained.Weights, trained.Biases);
    }

    /// <summary>
    /// The float weights, biases and stacking weights, not quantized into a model: what a per-watch adaptation keeps
    /// as its delta over the shipped weights (data with <see cref="FeaturizedSet.BaseLogits"/>).
    /// </summary>
    public static TrainedWeights TrainWeights(FeaturizedSet data, int labelCount, TrainingOptions options) =>
        options.SeedAverage <= 1 ? TrainOne(data, labelCount, options, null) : TrainAveraged(data, labelCount, options, null);

    /// <summary>Float weights before quantization: the bucket table, bias rows and sentiment stacking weights.</summary>
    internal sealed record TrainedWeights(float[] Weights, float[] Biases, float[] Stack);

    /// <summary>The mean of models trained with seeds Seed, Seed+1, ...: still one linear model.</summary>
    private static TrainedWeights TrainAveraged(FeaturizedSet data, int labelCount, TrainingOptions options, IProgress<double>? progress)
    {
        int n = options.SeedAverage;
        var members = new TrainedWeights[n];
        var done = new double[n];
        // Members are independent, so they train on all cores; summing them in seed order keeps the result
        // identical whatever the thread timing.
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, m =>
            members[m] = TrainOne(data, labelCount, options with { Seed = options.Seed + m, SeedAverage = 1 }, progress is null ? null
                : new Progress<double>(p => { done[m] = p; progress.Report(done.Sum() / n); })));
        return new TrainedWeights(Mean(members.Select(m => m.Weights)), Mean(members.Select(m => m.Biases)), Mean(members.Select(m => m.Stack)));
    }

    private static float[] Mean(IEnumerable<float[]> arrays)
    {
        float[]? sum = null;
        int count = 0;
        foreach (var values in arrays)
        {
            sum ??= new float[values.Length];
            System.Numerics.Tensors.TensorPrimitives.Add(sum, values, sum);
            count++;
        }
        System.Numerics.Tensors.TensorPrimitives.Multiply(sum!, 1f / count, sum!);
        return sum!;
    }

    private static TrainedWeights TrainOne(FeaturizedSet data, int labelCount, TrainingOptions options, IProgress<double>? progress)
    {
        int outputs = LinearModel.OutputsFor(labelCount);
        int biasRowCount = LinearModel.BiasLanguages.Length;
        var weights = new float[(long)options.Features.Buckets * outputs];
        var squares = new float[weights.Length];
        var biases = new float[biasRowCount * outputs];
        var biasSquares = new float[biases.Length];
        bool stacked = data.Sentiment is not null && outputs == 1;
        var stack = new float[stacked ? biasRowCount * 3 : 0];
        var stackSquares = new float[stack.Length];
        var averageStack = new float[stack.Length];
        var average = new float[options.AverageEpochs ? weights.Length : 0];
        var averageBias = new float[biases.Length];
        int snapshots = 0;
        var classWeights = ClassWeights(data, labelCount, biasRowCount, options);
        var order = new int[data.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var random = new Random(options.Seed);
        Span<float> logits = stackalloc float[outputs];
        Span<float> probs = stackalloc float[labelCount];
        Span<float> gradient = stackalloc float[outputs];
        float lr = options.LearningRate, l2 = options.L2, biasL2 = options.BiasL2;
        const float eps = 1e-6f;

        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (int row in order)
            {
                var features = data.Features(row);
                int biasRow = data.BiasRows[row];
                var (nw, nc) = options.Features.Counts(features);
                var (wordValue, charValue) = options.Features.BlockValues(nw, nc);
                Score(options.Features, weights, biases, outputs, features, biasRow, logits, wordValue, charValue);
                if (data.BaseLogits is { } baseLogits)
                    for (int k = 0; k < outputs; k++) logits[k] += baseLogits[row * outputs + k];
                if (stacked) logits[0] += LinearModel.StackTerm(stack, biasRow, data.SentimentOf(row));
                LinearModel.Probabilities(logits, labelCount, 1f, probs);
                // A soft row trains, on each visit, on one label drawn from its targets: in expectation the soft-label
                // gradient, with the noise of one label per step. Measured against the exact soft gradient (p − q in
                // one step) on the later period: 0.6569 against 0.6519, the same as one weighted row per label (0.6567)
                // in half the time.
                int label = data.Targets is null ? data.Labels[row] : Draw(data.TargetsOf(row), random);
                float cw = classWeights[biasRow * labelCount + label] * data.RowWeights[row];
                if (labelCount == 2) gradient[0] = (probs[1] - (label == 1 ? 1f : 0f)) * cw;
                else for (int k = 0; k < outputs; k++) gradient[k] = (probs[k] - (k == label ? 1f : 0f)) * cw;
                foreach (int e in features)
                {
                    if (!options.Features.Decode(e, out int bucket, out bool isChar)) continue;
                    float scale = isChar ? charValue : wordValue;
                    int at = bucket * outputs;
                    for (int k = 0; k < outputs; k++)
                    {
                        float g = gradient[k] * scale + l2 * weights[at + k];
                        squares[at + k] += g * g;
                        weights[at + k] -= lr * g / MathF.Sqrt(squares[at + k] + eps);
                    }
                }
                if (stacked)
                {
                    var sentiment = data.SentimentOf(row);
                    for (int k = 0; k < 3; k++)
                    {
                        int at = biasRow * 3 + k;
                        float g = gradient[0] * sentiment[k];
                        stackSquares[at] += g * g;
                        stack[at] -= lr * g / MathF.Sqrt(stackSquares[at] + eps);
                    }
                }
                for (int k = 0; k < outputs; k++)
                {
                    int at = biasRow * outputs + k;
                    float g = gradient[k] + biasL2 * biases[at];
                    biasSquares[at] += g * g;
                    biases[at] -= lr * g / MathF.Sqrt(biasSquares[at] + eps);
                }
            }
            if (options.AverageEpochs && epoch >= options.Epochs / 2)
            {
                // Averaging the epoch-end weights of the second half damps the last epochs' noise.
                System.Numerics.Tensors.TensorPrimitives.Add(average, weights, average);
                System.Numerics.Tensors.TensorPrimitives.Add(averageBias, biases, averageBias);
                System.Numerics.Tensors.TensorPrimitives.Add(averageStack, stack, averageStack);
                snapshots++;
            }
            progress?.Report((epoch + 1) / (double)options.Epochs);
        }
        if (options.AverageEpochs && snapshots > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(average, 1f / snapshots, weights);
            System.Numerics.Tensors.TensorPrimitives.Multiply(averageBias, 1f / snapshots, biases);
            System.Numerics.Tensors.TensorPrimitives.Multiply(averageStack, 1f / snapshots, stack);
        }
        return new TrainedWeights(weights, biases, stack);
    }

    /// <summary>A label drawn with the probabilities <paramref name="targets"/>, from the training run's seeded generator.</summary>
    private static int Draw(ReadOnlySpan<float> targets, Random random)
    {
        float u = random.NextSingle(), cumulative = 0;
        for (int k = 0; k < targets.Length; k++)
        {
            cumulative += targets[k];
            if (u < cumulative) return k;
        }
        // Rounding left u above the running sum: the last label with any probability.
        int last = targets.Length - 1;
        while (last > 0 && targets[last] <= 0) last--;
        return last;
    }

    private static void Score(FeatureSpec spec, float[] weights, float[] biases, int outputs, ReadOnlySpan<int> features, int biasRow, Span<float> logits,
        float wordValue, float charValue)
    {
        logits.Clear();
        foreach (int e in features)
        {
            if (!spec.Decode(e, out int bucket, out bool isChar)) continue;
            float v = isChar ? charValue : wordValue;
            int at = bucket * outputs;
            for (int k = 0; k < outputs; k++) logits[k] += weights[at + k] * v;
        }
        for (int k = 0; k < outputs; k++) logits[k] += biases[biasRow * outputs + k];
    }

    /// <summary>Per bias language: weight = (n / (labels * n_label))^power, so rare labels count more; each language has its power.</summary>
    private static float[] ClassWeights(FeaturizedSet data, int labelCount, int biasRows, TrainingOptions options)
    {
        var counts = new float[biasRows * labelCount];
        for (int i = 0; i < data.Count; i++)
        {
            // A soft row counts towards each label by its target share, as one hard row per label would.
            int at = data.BiasRows[i] * labelCount;
            if (data.Targets is null) counts[at + data.Labels[i]] += data.RowWeights[i];
            else
            {
                var targets = data.TargetsOf(i);
                for (int k = 0; k < labelCount; k++) counts[at + k] += data.RowWeights[i] * targets[k];
            }
        }
        var weights = new float[counts.Length];
        for (int r = 0; r < biasRows; r++)
        {
            float total = 0, power = options.ClassWeightPowerOf(LinearModel.BiasLanguages[r]);
            for (int k = 0; k < labelCount; k++) total += counts[r * labelCount + k];
            for (int k = 0; k < labelCount; k++)
            {
                float n = counts[r * labelCount + k];
                weights[r * labelCount + k] = n <= 0 ? 1f : MathF.Pow(total / (labelCount * n), power);
            }
        }
        return weights;
    }
}
