using MentionWatch.Classification.Features;

namespace MentionWatch.Classification.Adaptation;

/// <summary>
/// A sparse weight delta over one shipped model: a few hundred touched buckets, each with one float per output,
/// and a bias shift per language row, all in raw-logit units (added before the shipped temperature divides).
/// Looked up by bucket through a dictionary, so an adaptation costs memory in proportion to the words its
/// corrections contained, not to the 2^18-bucket table.
/// </summary>
internal sealed class TaskDelta
{
    private readonly Dictionary<int, int> _slots;

    public TaskDelta(int outputs, int[] buckets, float[] weights, float[] biases)
    {
        if (weights.Length != buckets.Length * outputs) throw new ArgumentException($"{weights.Length} delta weights for {buckets.Length} buckets × {outputs} outputs");
        Outputs = outputs;
        Buckets = buckets;
        Weights = weights;
        Biases = biases;
        _slots = new Dictionary<int, int>(buckets.Length);
        for (int i = 0; i < buckets.Length; i++) _slots.Add(buckets[i], i);
    }

    public int Outputs { get; }
    public int[] Buckets { get; }
    public float[] Weights { get; }

    /// <summary>Bias shift, one row of <see cref="Outputs"/> per bias language.</summary>
    public float[] Biases { get; }

    /// <summary>The delta from dense trained weights (zero where no correction touched a bucket), scaled to raw-logit units.</summary>
    public static TaskDelta FromDense(float[] weights, float[] biases, int outputs, float temperature)
    {
        var buckets = new List<int>();
        var values = new List<float>();
        for (int b = 0; b < weights.Length / outputs; b++)
        {
            bool touched = false;
            for (int k = 0; k < outputs; k++) touched |= weights[b * outputs + k] != 0;
            if (!touched) continue;
            buckets.Add(b);
            for (int k = 0; k < outputs; k++) values.Add(weights[b * outputs + k] * temperature);
        }
        return new TaskDelta(outputs, [.. buckets], [.. values], biases.Select(x => x * temperature).ToArray());
    }

    /// <summary>Adds the delta's logits for an encoded feature list, read with the task's own spec (block values, handles).</summary>
    public void AddLogits(FeatureSpec spec, ReadOnlySpan<int> encoded, int biasRow, Span<float> logits)
    {
        var (nw, nc) = spec.Counts(encoded);
        var (wordValue, charValue) = spec.BlockValues(nw, nc);
        foreach (int e in encoded)
        {
            if (!spec.Decode(e, out int bucket, out bool isChar) || !_slots.TryGetValue(bucket, out int slot)) continue;
            float v = isChar ? charValue : wordValue;
            for (int k = 0; k < Outputs; k++) logits[k] += Weights[slot * Outputs + k] * v;
        }
        for (int k = 0; k < Outputs; k++) logits[k] += Biases[biasRow * Outputs + k];
    }
}
