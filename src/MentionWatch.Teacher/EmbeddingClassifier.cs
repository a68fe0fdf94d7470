using System.Collections.Immutable;
using System.Numerics.Tensors;
using MentionWatch.Classification.Model;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;

namespace MentionWatch.Teacher;

/// <summary>
/// The teacher: ML.NET's L-BFGS multinomial logistic regression on sentence embeddings, class-balanced (each row weighs
/// N / (K × rows of its class)), so the rare negative class counts as much as the others, as in the sentiment model.
/// Replaced the experiment's own mini-batch Adam softmax: the library's optimizer needs no epoch or step settings and
/// scores 0.661 on the later period against 0.659.
/// </summary>
internal sealed class EmbeddingClassifier
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly int _dimension;
    private readonly string _firstLabel;
    private const string LabelKey = "LabelKey";

    private EmbeddingClassifier(MLContext ml, ITransformer model, int dimension, string firstLabel)
    {
        _ml = ml;
        _model = model;
        _dimension = dimension;
        _firstLabel = firstLabel;
    }

    /// <param name="labels">the class names; a row's label must be one of them, and the probabilities come in this order.</param>
    /// <param name="rowWeights">optional loss weight per row, on top of the class balance (classes balance by weighted count).</param>
    public static EmbeddingClassifier Train(IReadOnlyList<float[]> x, IReadOnlyList<int> y, IReadOnlyList<string> labels, float l2, IReadOnlyList<float>? rowWeights = null)
    {
        if (x.Count == 0) throw new ArgumentException("the teacher has no labelled rows to train on");
        var counts = new double[labels.Count];
        for (int i = 0; i < y.Count; i++) counts[y[i]] += rowWeights?[i] ?? 1f;
        double total = counts.Sum();
        int dimension = x[0].Length;
        var rows = x.Select((v, i) => new Row { Features = v, Label = labels[y[i]], Weight = (float)(total / (labels.Count * counts[y[i]]) * (rowWeights?[i] ?? 1f)) });
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows, Schema(dimension));
        // The key order is the caller's label order, so the score columns come in that order too.
        var keys = ml.Data.LoadFromEnumerable(labels.Select(l => new KeyValue { Value = l }));
        var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = LabelKey,
            FeatureColumnName = nameof(Row.Features),
            ExampleWeightColumnName = nameof(Row.Weight),
            L2Regularization = l2,
        });
        // Standardized first, as the experiment's teacher was, so the L2 penalty weighs every coordinate alike (L2 0.1-30
        // gave the same later-period mix within 0.001).
        var pipeline = ml.Transforms.Conversion.MapValueToKey(LabelKey, nameof(Row.Label), keyData: keys)
            .Append(ml.Transforms.NormalizeMeanVariance(nameof(Row.Features))).Append(trainer);
        return new EmbeddingClassifier(ml, pipeline.Fit(data), dimension, labels[0]);
    }

    /// <summary>
    /// The model as plain arithmetic, logits = Weights[k] · x + Biases[k], with the standardization folded in, so a caller
    /// can push it through a linear map (the word lane sums vectors, so its logits split word by word). Checked against
    /// ML.NET's own probabilities on <paramref name="check"/> before it is returned: a library change that reorders
    /// classes or stops centring would otherwise go unnoticed.
    /// </summary>
    public (float[][] Weights, float[] Biases) LinearForm(IReadOnlyList<float[]> check)
    {
        var chain = (IEnumerable<ITransformer>)_model;
        var normalizer = chain.OfType<NormalizingTransformer>().Single().GetNormalizerModelParameters(0)
            as NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>>
            ?? throw new InvalidOperationException("the teacher's normalizer is not an affine one");
        var predictor = chain.OfType<MulticlassPredictionTransformer<MaximumEntropyModelParameters>>().Single().Model;
        VBuffer<float>[] raw = [];
        predictor.GetWeights(ref raw, out int classes);
        var rawBiases = predictor.GetBiases().ToArray();
        // ML.NET's affine normalizer maps x to (x - offset) * scale; the offset is absent when zero stays zero.
        var scale = Enumerable.Range(0, _dimension).Select(d => normalizer.Scale.Length == 1 ? normalizer.Scale[0] : normalizer.Scale[d]).ToArray();
        var offset = Enumerable.Range(0, _dimension).Select(d => normalizer.Offset.IsDefaultOrEmpty ? 0f
            : normalizer.Offset.Length == 1 ? normalizer.Offset[0] : normalizer.Offset[d]).ToArray();
        var weights = new float[classes][];
        var biases = new float[classes];
        for (int k = 0; k < classes; k++)
        {
            weights[k] = raw[k].DenseValues().ToArray();
            TensorPrimitives.Multiply(weights[k], scale, weights[k]);
            biases[k] = rawBiases[k] - TensorPrimitives.Dot(weights[k], offset);
        }
        var expected = Probabilities(check);
        Span<float> logits = stackalloc float[classes], probabilities = stackalloc float[classes];
        for (int i = 0; i < check.Count; i++)
        {
            for (int k = 0; k < classes; k++) logits[k] = biases[k] + TensorPrimitives.Dot(weights[k], check[i]);
            LinearModel.Probabilities(logits, classes, 1f, probabilities);
            for (int k = 0; k < classes; k++)
                if (Math.Abs(probabilities[k] - expected[i][k]) > 1e-3)
                    throw new InvalidOperationException($"the teacher's linear form disagrees with ML.NET on row {i} (class {k})");
        }
        return (weights, biases);
    }

    /// <summary>Each row's class probabilities, in the label order given to <see cref="Train"/>.</summary>
    public float[][] Probabilities(IReadOnlyList<float[]> x)
    {
        var data = _ml.Data.LoadFromEnumerable(x.Select(v => new Row { Features = v, Label = _firstLabel, Weight = 1 }), Schema(_dimension));
        return _ml.Data.CreateEnumerable<Scored>(_model.Transform(data), reuseRowObject: false).Select(s => s.Score).ToArray();
    }

    private static SchemaDefinition Schema(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }

    private sealed class KeyValue
    {
        public string Value { get; set; } = "";
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
        public float Weight { get; set; }
    }

    private sealed class Scored
    {
        public float[] Score { get; set; } = [];
    }
}
