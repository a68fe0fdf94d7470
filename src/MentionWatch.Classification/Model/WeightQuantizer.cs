namespace MentionWatch.Classification.Model;

/// <summary>
/// Symmetric 8-bit quantization, one scale per output. The scale comes from a high quantile of |w|
/// rather than the maximum, so a handful of outliers (clipped) do not flatten every other weight to zero.
/// 8-bit weights let 2^18 buckets × 4 outputs fit in 1 MiB, the per-core L2 of the target machine.
/// </summary>
internal static class WeightQuantizer
{
    public const double ClipQuantile = 0.9999;

    public static (sbyte[] Values, float[] Scales) Quantize(float[] weights, int outputs)
    {
        var scales = new float[outputs];
        var values = new sbyte[weights.Length];
        for (int k = 0; k < outputs; k++)
        {
            var magnitudes = new List<float>(weights.Length / outputs);
            for (int i = k; i < weights.Length; i += outputs) if (weights[i] != 0) magnitudes.Add(MathF.Abs(weights[i]));
            if (magnitudes.Count == 0) { scales[k] = 1f; continue; }
            magnitudes.Sort();
            float limit = magnitudes[Math.Min(magnitudes.Count - 1, (int)(magnitudes.Count * ClipQuantile))];
            scales[k] = limit > 0 ? limit / 127f : 1f;
            for (int i = k; i < weights.Length; i += outputs)
                values[i] = (sbyte)Math.Clamp(MathF.Round(weights[i] / scales[k]), -127f, 127f);
        }
        return (values, scales);
    }

    public static float[] Dequantize(sbyte[] values, float[] scales)
    {
        int outputs = scales.Length;
        var weights = new float[values.Length];
        for (int i = 0; i < values.Length; i++) weights[i] = values[i] * scales[i % outputs];
        return weights;
    }
}
