using MentionWatch.Classification.Model;
using MentionWatch.Classification.Tests.Support;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification.Tests.Training;

public sealed class MlNetTrainerTests
{
    private static LinearModel Train(string task, FeaturizedSet data, float l2 = 0.1f)
    {
        var spec = task == Tasks.Sentiment ? Some.SmallSpec : Some.SmallSpec with { Handles = true };
        var options = new TrainingOptions { Optimizer = Optimizers.Lbfgs, LbfgsL2 = l2, Features = spec };
        return Trainer.Train(data, new ModelMetadata { Task = task, Labels = Tasks.LabelsOf(task) }, options);
    }

    [Test]
    public void Train_Lbfgs_SyntheticSentiment_LearnsTheCueWords()
    {
        var model = Train(Tasks.Sentiment, FeaturizedSet.Build(Some.SentimentRows(60), Some.SmallSpec));
        var report = Evaluator.Evaluate(model, FeaturizedSet.Build(Some.SentimentRows(30, seed: 99), model.Spec));
        Assert.That(report.Accuracy, Is.GreaterThanOrEqualTo(0.95));
        Assert.That(model.Metadata.Trainer["lbfgs"], Is.EqualTo(1));
    }

    [Test]
    public void Train_Lbfgs_SyntheticNeedsReply_LearnsTheCuePhrases()
    {
        var spec = Some.SmallSpec with { Handles = true };
        var model = Train(Tasks.NeedsReply, FeaturizedSet.Build(Some.NeedsReplyRows(60), spec));
        var report = Evaluator.Evaluate(model, FeaturizedSet.Build(Some.NeedsReplyRows(30, seed: 5), spec));
        Assert.That(report.Classes["1"].F1, Is.GreaterThanOrEqualTo(0.95));
    }

    [Test]
    public void Train_Lbfgs_StackedNeedsReply_ReadsBackStackingWeightsPerLanguage()
    {
        var sentiment = Some.TrainedModel(Tasks.Sentiment);
        var spec = Some.SmallSpec with { Handles = true };
        var data = FeaturizedSet.Build(Some.NeedsReplyRows(60), spec).WithSentiment(sentiment);
        var model = Train(Tasks.NeedsReply, data);
        Assert.That(model.Metadata.SentimentStackWeights, Has.Length.EqualTo(LinearModel.BiasLanguages.Length * 3));
        Assert.That(model.Metadata.SentimentStackWeights, Has.Some.Not.EqualTo(0f));
    }

    [Test]
    public void Train_Lbfgs_IsDeterministic()
    {
        var data = FeaturizedSet.Build(Some.SentimentRows(40), Some.SmallSpec);
        Assert.That(Train(Tasks.Sentiment, data).Quantized, Is.EqualTo(Train(Tasks.Sentiment, data).Quantized));
    }

    [Test]
    public void Check_UnknownOptimizer_Throws() =>
        Assert.Throws<ArgumentException>(() => Optimizers.Check("sgd"));
}
