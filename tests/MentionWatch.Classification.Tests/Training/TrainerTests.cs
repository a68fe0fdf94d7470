using MentionWatch.Classification.Model;
using MentionWatch.Classification.Tests.Support;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification.Tests.Training;

public sealed class TrainerTests
{
    [Test]
    public void Train_SyntheticSentiment_LearnsTheCueWords()
    {
        var model = Some.TrainedModel(Tasks.Sentiment);
        var test = FeaturizedSet.Build(Some.SentimentRows(30, seed: 99), model.Spec);
        var report = Evaluator.Evaluate(model, test);
        Assert.That(report.Accuracy, Is.GreaterThanOrEqualTo(0.95));
    }

    [Test]
    public void Train_SyntheticNeedsReply_LearnsTheCuePhrases()
    {
        var model = Some.TrainedModel(Tasks.NeedsReply);
        var report = Evaluator.Evaluate(model, FeaturizedSet.Build(Some.NeedsReplyRows(30, seed: 5), model.Spec));
        Assert.That(report.Classes["1"].F1, Is.GreaterThanOrEqualTo(0.95));
    }

    [Test]
    public void Train_MoreEpochs_LowerTrainingLoss()
    {
        var rows = Some.SentimentRows(40);
        var data = FeaturizedSet.Build(rows, Some.SmallSpec);
        double Loss(int epochs)
        {
            var options = new TrainingOptions { Epochs = epochs, Features = Some.SmallSpec };
            var model = Trainer.Train(data, new ModelMetadata { Task = Tasks.Sentiment, Labels = Tasks.LabelsOf(Tasks.Sentiment) }, options);
            Span<float> logits = stackalloc float[3], p = stackalloc float[3];
            double loss = 0;
            for (int i = 0; i < data.Count; i++)
            {
                model.Logits(data.Features(i), data.BiasRows[i], logits);
                LinearModel.Probabilities(logits, 3, 1f, p);
                loss -= Math.Log(Math.Max(p[data.Labels[i]], 1e-9));
            }
            return loss / data.Count;
        }
        Assert.That(Loss(4), Is.LessThan(Loss(1)));
    }

    [Test]
    public void Train_SoftTargets_LearnTheTeachersDistribution_WhereOneHardLabelLearnsCertainty()
    {
        const string parcel = "the parcel came on tuesday";
        float[] q = [0.1f, 0.6f, 0.3f];
        float[] Learnt(float[]? targets)
        {
            var rows = Some.SentimentRows(20);
            rows.AddRange(Enumerable.Range(0, 10).Select(i => new LabeledText(parcel, 1, "teacher.tsv", i + 2, Targets: targets)));
            var data = FeaturizedSet.Build(rows, Some.SmallSpec);
            var model = Trainer.Train(data, new ModelMetadata { Task = Tasks.Sentiment, Labels = Tasks.LabelsOf(Tasks.Sentiment) },
                new TrainingOptions { Epochs = 20, ClassWeightPower = 0f, Features = Some.SmallSpec });
            var at = data.Count - 1;
            Span<float> logits = stackalloc float[3];
            var p = new float[3];
            model.Logits(data.Features(at), data.BiasRows[at], logits);
            LinearModel.Probabilities(logits, 3, 1f, p);
            return p;
        }

        var soft = Learnt(q);
        Assert.That(soft, Is.EqualTo(q).Within(0.1f), "the text is trained towards the teacher's 0.1 / 0.6 / 0.3");
        Assert.That(Learnt(null)[1], Is.GreaterThan(0.85f), "the same rows with one label learn near-certainty instead");
    }

    [Test]
    public void Train_SameSeed_SameWeights()
    {
        var a = Some.TrainedModel(Tasks.Sentiment, seed: 5);
        var b = Some.TrainedModel(Tasks.Sentiment, seed: 5);
        var c = Some.TrainedModel(Tasks.Sentiment, seed: 6);
        Assert.That(a.Quantized, Is.EqualTo(b.Quantized));
        Assert.That(a.Quantized, Is.Not.EqualTo(c.Quantized));
    }

    [Test]
    public void Train_SeedAverage_IsDeterministicAndTheMeanOfItsMembers()
    {
        var data = FeaturizedSet.Build(Some.SentimentRows(40), Some.SmallSpec);
        LinearModel Train(int seed, int average) => Trainer.Train(data, new ModelMetadata { Task = Tasks.Sentiment, Labels = Tasks.LabelsOf(Tasks.Sentiment) },
            new TrainingOptions { Epochs = 3, Seed = seed, SeedAverage = average, Features = Some.SmallSpec });
        var averaged = Train(5, 3);
        Assert.That(Train(5, 3).Quantized, Is.EqualTo(averaged.Quantized), "parallel members, same result");
        var members = new[] { Train(5, 1), Train(6, 1), Train(7, 1) };
        for (int k = 0; k < averaged.Biases.Length; k++)
            Assert.That(averaged.Biases[k], Is.EqualTo(members.Average(m => m.Biases[k])).Within(1e-5));
        // Weights are compared after 8-bit quantization: within two quantization steps of the members' mean.
        float step = averaged.Scales.Max();
        for (int i = 0; i < averaged.Weights.Length; i += 97)
            Assert.That(averaged.Weights[i], Is.EqualTo(members.Average(m => m.Weights[i])).Within(2 * step + 1e-6));
        Assert.That(averaged.Metadata.Trainer["seedAverage"], Is.EqualTo(3));
    }

    [Test]
    public void Train_RussianClassWeightPower_WeighsOnlyTheRussianRowsLabels()
    {
        // The same post in each language, one in five times labelled 1: fully balanced weights pull its probability up to
        // about one half, no weighting leaves it near the 20% it is labelled 1.
        var rows = new List<LabeledText>();
        for (int i = 0; i < 100; i++)
        {
            rows.Add(new LabeledText("my card payment failed again today", i % 5 == 0 ? 1 : 0, "en.tsv", i + 2));
            rows.Add(new LabeledText("оплата картой снова не прошла сегодня", i % 5 == 0 ? 1 : 0, "ru.tsv", i + 2));
        }
        var data = FeaturizedSet.Build(rows, Some.SmallSpec);
        (double En, double Ru) ReplyProbability(TrainingOptions options)
        {
            var model = Trainer.Train(data, new ModelMetadata { Task = Tasks.NeedsReply, Labels = Tasks.LabelsOf(Tasks.NeedsReply) }, options);
            double P(int row)
            {
                Span<float> logits = stackalloc float[2], p = stackalloc float[2];
                model.Logits(data.Features(row), data.BiasRows[row], logits);
                LinearModel.Probabilities(logits, 2, 1f, p);
                return p[1];
            }
            return (P(0), P(1));
        }
        var balanced = ReplyProbability(new TrainingOptions { Epochs = 4, Features = Some.SmallSpec });
        var russianUnweighted = ReplyProbability(new TrainingOptions { Epochs = 4, RussianClassWeightPower = 0f, Features = Some.SmallSpec });
        Assert.That(balanced.En, Is.EqualTo(0.5).Within(0.1));
        Assert.That(balanced.Ru, Is.EqualTo(0.5).Within(0.1));
        Assert.That(russianUnweighted.Ru, Is.EqualTo(0.2).Within(0.08), "Russian rows unweighted");
        Assert.That(russianUnweighted.En, Is.EqualTo(balanced.En).Within(0.05), "English rows keep their balanced weights");
    }

    [Test]
    public void Describe_RecordsTheRussianClassWeightPowerOnlyWhenItDiffers()
    {
        // Files trained before the option existed must reproduce byte for byte, so an equal power leaves no trace.
        Assert.That(new TrainingOptions().Describe().ContainsKey("ruClassWeightPower"), Is.False);
        Assert.That(new TrainingOptions { RussianClassWeightPower = 1f }.Describe().ContainsKey("ruClassWeightPower"), Is.False);
        Assert.That(new TrainingOptions { RussianClassWeightPower = 0.25f }.Describe()["ruClassWeightPower"], Is.EqualTo(0.25));
    }

    [Test]
    public void AssignFolds_KeepsLabelBalance()
    {
        var labels = Enumerable.Range(0, 100).Select(i => i < 80 ? 0 : 1).ToArray();
        var folds = CrossValidation.AssignFolds(labels, 2, 5, 1);
        for (int f = 0; f < 5; f++)
            Assert.That(Enumerable.Range(0, 100).Count(i => folds[i] == f && labels[i] == 1), Is.EqualTo(4));
    }
}
