using System.Text.Json.Serialization;
using MentionWatch.Classification.Features;

namespace MentionWatch.Classification.Model;

/// <summary>Everything about a model file except its weights; stored as JSON inside the file.</summary>
internal sealed class ModelMetadata
{
    public string Task { get; set; } = "";
    public string[] Labels { get; set; } = [];
    public string[] Languages { get; set; } = [];
    public string[] TrainingFiles { get; set; } = [];
    public int Seed { get; set; }
    public FeatureSpec Features { get; set; } = FeatureSpec.Default;
    public Dictionary<string, double> Trainer { get; set; } = [];
    public Dictionary<string, double> Metrics { get; set; } = [];
    public float Temperature { get; set; } = 1f;

    /// <summary>
    /// Weights on the sentiment model's three probabilities, one row of three per bias language, added to
    /// this model's logit (stacking); empty when the model does not use sentiment.
    /// </summary>
    public float[] SentimentStackWeights { get; set; } = [];

    /// <summary>Version of the sentiment model the stacking weights were trained against.</summary>
    public string StackedOnSentimentVersion { get; set; } = "";

    /// <summary>Filled in on load from the checksum, so equal files have equal versions.</summary>
    [JsonIgnore]
    public string Version { get; set; } = "";
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ModelMetadata))]
internal sealed partial class ModelMetadataJson : JsonSerializerContext;
