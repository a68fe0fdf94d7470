using System.Text;
using MentionWatch.Classification.Model;

namespace MentionWatch.Classification.Adaptation;

/// <summary>
/// Binary form of a <see cref="ClassifierAdaptation"/>, little-endian: magic "MWADAPT\0", i32 format version,
/// the two shipped model versions (length-prefixed UTF-8), then per task (sentiment, needs-reply) a presence byte
/// and, when present, i32 outputs, i32 bucket count, the buckets, their float deltas, i32 bias count and the bias
/// shifts; a CRC-32 of everything before it closes the blob, so a damaged row is refused rather than misapplied.
/// </summary>
internal static class AdaptationFile
{
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = "MWADAPT\0"u8.ToArray();

    public static byte[] Write(ClassifierAdaptation adaptation)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(adaptation.SentimentModelVersion);
            w.Write(adaptation.NeedsReplyModelVersion);
            WriteDelta(w, adaptation.Sentiment);
            WriteDelta(w, adaptation.NeedsReply);
        }
        var body = stream.ToArray();
        var bytes = new byte[body.Length + 4];
        body.CopyTo(bytes, 0);
        BitConverter.TryWriteBytes(bytes.AsSpan(body.Length), Crc32.Compute(body));
        return bytes;
    }

    private static void WriteDelta(BinaryWriter w, TaskDelta? delta)
    {
        w.Write(delta is not null);
        if (delta is null) return;
        w.Write(delta.Outputs);
        w.Write(delta.Buckets.Length);
        foreach (int b in delta.Buckets) w.Write(b);
        foreach (float v in delta.Weights) w.Write(v);
        w.Write(delta.Biases.Length);
        foreach (float v in delta.Biases) w.Write(v);
    }

    public static ClassifierAdaptation Read(string name, byte[] bytes)
    {
        if (bytes.Length < Magic.Length + 8) throw new ModelFormatException(name, "adaptation is truncated");
        uint stored = BitConverter.ToUInt32(bytes, bytes.Length - 4);
        if (stored != Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4))) throw new ModelFormatException(name, "adaptation checksum mismatch: the stored blob is corrupted");
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - 4), Encoding.UTF8);
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) throw new ModelFormatException(name, "not a MentionWatch adaptation (wrong magic)");
            int version = r.ReadInt32();
            if (version != FormatVersion) throw new ModelFormatException(name, $"adaptation format version {version} is not supported (this build reads {FormatVersion})");
            string sentimentVersion = r.ReadString(), needsReplyVersion = r.ReadString();
            var sentiment = ReadDelta(r, name);
            var needsReply = ReadDelta(r, name);
            return new ClassifierAdaptation(sentimentVersion, needsReplyVersion, sentiment, needsReply);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or OverflowException)
        {
            throw new ModelFormatException(name, $"adaptation is malformed ({e.Message})", e);
        }
    }

    private static TaskDelta? ReadDelta(BinaryReader r, string name)
    {
        if (!r.ReadBoolean()) return null;
        int outputs = r.ReadInt32(), count = r.ReadInt32();
        if (outputs is < 1 or > 64 || count < 0 || count > 1 << 24) throw new ModelFormatException(name, $"adaptation header is corrupted (outputs {outputs}, buckets {count})");
        var buckets = new int[count];
        for (int i = 0; i < count; i++) buckets[i] = r.ReadInt32();
        var weights = new float[count * outputs];
        for (int i = 0; i < weights.Length; i++) weights[i] = r.ReadSingle();
        int biasCount = r.ReadInt32();
        if (biasCount != outputs * LinearModel.BiasLanguages.Length) throw new ModelFormatException(name, $"adaptation has {biasCount} bias shifts for {outputs} outputs");
        var biases = new float[biasCount];
        for (int i = 0; i < biasCount; i++) biases[i] = r.ReadSingle();
        return new TaskDelta(outputs, buckets, weights, biases);
    }
}
