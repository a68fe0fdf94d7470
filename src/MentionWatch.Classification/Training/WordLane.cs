using System.Globalization;
using MentionWatch.Classification.Features;

namespace MentionWatch.Classification.Training;

/// <summary>
/// Per-word sentiment logits learned outside the n-gram model (a linear model over static MiniLM token vectors,
/// `mentionwatch-teacher lane`, docs/teacher.md), added at <see cref="Weight"/> to the plain unigram weights of every
/// model trained with it. That model scores the n-gram terms plus <see cref="Weight"/> × the lane's own linear model,
/// so the lane needs no code at scoring time: throughput and the file format stay as they are.
/// </summary>
/// <remarks>
/// Why fold it into the unigram rows: the lane's model is linear in the sum of its words' vectors scaled by the word
/// block's feature value, which is exactly what a unigram weight times its feature value adds. Words the labelled data
/// never showed still get a weight from the words they resemble, which is what the later period needs. Not exact in one
/// way: a lane word's bucket is shared with whatever other features hash there, so a lane is kept to a few thousand
/// frequent words (`lane --max-words`); 65,000 words put a stray logit on a quarter of all buckets.
/// </remarks>
internal sealed class WordLane
{
    /// <summary>The row that holds the lane model's constant term instead of a word (no token ever starts with '#').</summary>
    public const string BiasToken = "#bias";

    private WordLane(string name, string[] labels, List<(string Token, float[] Logits)> words, float[] bias, float weight)
    {
        Name = name;
        Labels = labels;
        Words = words;
        Bias = bias;
        Weight = weight;
    }

    public string Name { get; }
    public string[] Labels { get; }
    public IReadOnlyList<(string Token, float[] Logits)> Words { get; }
    public float[] Bias { get; }
    public float Weight { get; }

    /// <summary>
    /// A lane TSV: header `token` plus one column per label, one row per normalized token (as the tokenizer writes it)
    /// and one <see cref="BiasToken"/> row. Every problem names the file and line.
    /// </summary>
    public static WordLane Read(string path, float weight)
    {
        if (weight is < 0 or > 10 || float.IsNaN(weight)) throw new ArgumentException($"--lane-weight {weight} is outside 0..10");
        var lines = TsvReader.Columns(path, out var header);
        if (header.Length < 2 || header[0] != "token")
            throw new DataFormatException($"{path}:1: a lane file's header is 'token' and one column per label, found '{string.Join('\t', header)}'");
        var labels = header[1..];
        var words = new List<(string, float[])>(lines.Count);
        float[]? bias = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, fields) in lines)
        {
            if (fields.Length != header.Length) throw new DataFormatException($"{path}:{line}: {fields.Length} fields, the header has {header.Length}");
            var logits = new float[labels.Length];
            for (int k = 0; k < labels.Length; k++)
                if (!float.TryParse(fields[k + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out logits[k]) || !float.IsFinite(logits[k]))
                    throw new DataFormatException($"{path}:{line}: '{fields[k + 1]}' in column '{labels[k]}' is not a number");
            if (!seen.Add(fields[0])) throw new DataFormatException($"{path}:{line}: the token '{fields[0]}' appears twice");
            if (fields[0] == BiasToken) bias = logits;
            else if (fields[0].Length == 0) throw new DataFormatException($"{path}:{line}: the token is empty");
            else words.Add((fields[0], logits));
        }
        return new WordLane(Path.GetFileName(path), labels, words, bias ?? new float[labels.Length], weight);
    }

    /// <summary>The same lane with its columns in <paramref name="modelLabels"/> order; fails naming a label it lacks.</summary>
    public WordLane InOrder(string[] modelLabels)
    {
        if (modelLabels.Length < 3) throw new ArgumentException($"the lane {Name} is for a softmax model; a {modelLabels.Length}-label model has one output");
        var order = modelLabels.Select(l => Array.IndexOf(Labels, l) is var i and >= 0 ? i
            : throw new ArgumentException($"the lane {Name} has no column '{l}' (it has {string.Join(", ", Labels)})")).ToArray();
        return new WordLane(Name, modelLabels, Words.Select(w => (w.Token, order.Select(i => w.Logits[i]).ToArray())).ToList(),
            order.Select(i => Bias[i]).ToArray(), Weight);
    }

    /// <summary>
    /// Adds Weight × the lane into float weights: each word's logits onto its unigram bucket, the constant onto the English
    /// bias row (the lane was fitted on English rows; a word of it in a Russian post still counts). Columns must already
    /// be in the model's label order (<see cref="InOrder"/>).
    /// </summary>
    public void AddTo(float[] weights, float[] biases, FeatureSpec spec, int outputs)
    {
        if (outputs != Labels.Length) throw new ArgumentException($"the lane {Name} has {Labels.Length} columns, the model {outputs} outputs");
        foreach (var (token, logits) in Words)
        {
            long at = (long)Featurizer.WordBucket(FeatureHash.Of(token), spec.HashBits) * outputs;
            for (int k = 0; k < outputs; k++) weights[at + k] += Weight * logits[k];
        }
        for (int k = 0; k < outputs; k++) biases[k] += Weight * Bias[k];
    }
}
