using MentionWatch.Classification.Model;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace MentionWatch.Classification.Training;

/// <summary>
/// Trains the same linear model with ML.NET's L-BFGS (maximum entropy for sentiment, logistic regression for
/// needs-reply) on our own hashed features, then reads the weights back, so scoring stays our SIMD path.
/// Each row becomes a sparse <see cref="VBuffer{T}"/> of its buckets with the block values the classifier uses;
/// per-language bias rows and the stacked sentiment probabilities are extra columns after the buckets
/// (one language indicator each, three sentiment probabilities per language), read back into bias rows
/// and stacking weights. Class balance and extra-row weights become ML.NET example weights.
/// </summary>
internal static class MlNetTrainer
{
    private sealed class Row
    {
        public VBuffer<float> Features { get; set; }
        public string Label { get; set; } = "";
        public bool Positive { get; set; }
        public float Weight { get; set; }
    }

    public static Trainer.TrainedWeights Train(FeaturizedSet data, int labelCount, TrainingOptions options, IProgress<double>? progress)
    {
        var spec = options.Features;
        int buckets = spec.Buckets, languages = LinearModel.BiasLanguages.Length;
        bool stacked = data.Sentiment is not null && labelCount == 2;
        int dimension = buckets + languages + (stacked ? languages * 3 : 0);
        var classWeights = Trainer.ClassWeights(data, labelCount, languages, options.ClassWeightPower);
        var rows = new Row[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            int label = data.Labels[i], language = data.BiasRows[i];
            rows[i] = new Row
            {
                Features = Vector(data, i, spec, buckets, dimension, stacked),
                Label = label.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Positive = label == 1,
                Weight = classWeights[language * labelCount + label] * data.RowWeights[i],
            };
        }
        var ml = new MLContext(seed: options.Seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        var view = ml.Data.LoadFromEnumerable(rows, schema);
        var weights = new float[(long)buckets * LinearModel.OutputsFor(labelCount)];
        var biases = new float[languages * LinearModel.OutputsFor(labelCount)];
        var stack = new float[stacked ? languages * 3 : 0];
        if (labelCount == 2) TrainBinary(ml, view, options, weights, biases, stack, buckets);
        else TrainMulticlass(ml, view, options, labelCount, weights, biases, buckets);
        progress?.Report(1);
        return new Trainer.TrainedWeights(weights, biases, stack);
    }

    private static void TrainBinary(MLContext ml, IDataView view, TrainingOptions options, float[] weights, float[] biases, float[] stack, int buckets)
    {
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = nameof(Row.Positive),
            FeatureColumnName = nameof(Row.Features),
            ExampleWeightColumnName = nameof(Row.Weight),
            L2Regularization = options.LbfgsL2,
            L1Regularization = options.LbfgsL1,
            MaximumNumberOfIterations = options.MaxIterations,
            NumberOfThreads = 1,
            ShowTrainingStatistics = false,
        });
        var model = trainer.Fit(view).Model.SubModel;
        var w = model.Weights.ToArray();
        for (int b = 0; b < buckets; b++) weights[b] = w[b];
        for (int r = 0; r < biases.Length; r++) biases[r] = model.Bias + w[buckets + r];
        for (int k = 0; k < stack.Length; k++) stack[k] = w[buckets + biases.Length + k];
    }

    private static void TrainMulticlass(MLContext ml, IDataView view, TrainingOptions options, int labelCount, float[] weights, float[] biases, int buckets)
    {
        // Keys by value ("0" < "1" < "2"), so key k is our label k (a [KeyType] label from LoadFromEnumerable was misread).
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Key", nameof(Row.Label), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Key",
                FeatureColumnName = nameof(Row.Features),
                ExampleWeightColumnName = nameof(Row.Weight),
                L2Regularization = options.LbfgsL2,
                L1Regularization = options.LbfgsL1,
                MaximumNumberOfIterations = options.MaxIterations,
                NumberOfThreads = 1,
                ShowTrainingStatistics = false,
            }));
        var model = pipeline.Fit(view).LastTransformer.Model;
        VBuffer<float>[] classWeights = [];
        model.GetWeights(ref classWeights, out int classes);
        if (classes != labelCount) throw new InvalidOperationException($"ML.NET returned {classes} classes, expected {labelCount} (a label is missing from the training rows)");
        var b0 = model.GetBiases().ToArray();
        int languages = biases.Length / labelCount;
        for (int k = 0; k < labelCount; k++)
        {
            var w = classWeights[k].DenseValues().ToArray();
            for (int b = 0; b < buckets; b++) weights[(long)b * labelCount + k] = w[b];
            for (int r = 0; r < languages; r++) biases[r * labelCount + k] = b0[k] + w[buckets + r];
        }
    }

    /// <summary>A row's buckets with their block values (repeated buckets summed), then the language and stacking columns.</summary>
    private static VBuffer<float> Vector(FeaturizedSet data, int row, Features.FeatureSpec spec, int buckets, int dimension, bool stacked)
    {
        var features = data.Features(row);
        var (nw, nc) = spec.Counts(features);
        var (wordValue, charValue) = spec.BlockValues(nw, nc);
        var values = new SortedDictionary<int, float>();
        foreach (int e in features)
        {
            if (!spec.Decode(e, out int bucket, out bool isChar)) continue;
            values[bucket] = values.GetValueOrDefault(bucket) + (isChar ? charValue : wordValue);
        }
        int language = data.BiasRows[row];
        values[buckets + language] = 1f;
        if (stacked)
        {
            var sentiment = data.SentimentOf(row);
            int languages = LinearModel.BiasLanguages.Length;
            for (int k = 0; k < 3; k++) values[buckets + languages + language * 3 + k] = sentiment[k];
        }
        return new VBuffer<float>(dimension, values.Count, values.Values.ToArray(), values.Keys.ToArray());
    }
}
