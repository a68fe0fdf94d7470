using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace MentionWatch.Classification.Model;

/// <summary>
/// The .mwm format, little-endian: magic "MWMODEL\0", u32 format version, u32 metadata length, u32 outputs,
/// u32 hash bits, u32 bias rows, metadata JSON, bias floats, one scale float per output, 8-bit weights
/// (bucket-major), then a CRC-32 of everything before it.
/// </summary>
internal static class ModelFile
{
    public const int FormatVersion = 1;
    private const int HeaderSize = 28;
    private static readonly byte[] Magic = "MWMODEL\0"u8.ToArray();

    public static void Write(string path, LinearModel model)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(model.Metadata, ModelMetadataJson.Default.ModelMetadata);
        var bytes = new byte[HeaderSize + json.Length + 4L * (model.Biases.Length + model.Outputs) + model.Quantized.Length + 4];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], json.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], model.Outputs);
        BinaryPrimitives.WriteInt32LittleEndian(span[20..], model.Spec.HashBits);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], model.Biases.Length / model.Outputs);
        json.CopyTo(span[HeaderSize..]);
        int at = HeaderSize + json.Length;
        MemoryMarshal.AsBytes(model.Biases.AsSpan()).CopyTo(span[at..]);
        at += model.Biases.Length * 4;
        MemoryMarshal.AsBytes(model.Scales.AsSpan()).CopyTo(span[at..]);
        at += model.Scales.Length * 4;
        MemoryMarshal.AsBytes(model.Quantized.AsSpan()).CopyTo(span[at..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[^4..], Crc32.Compute(span[..^4]));
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllBytes(path, bytes);
    }

    public static LinearModel Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ModelFormatException(path, $"cannot be read ({e.Message})", e);
        }
        return Parse(path, bytes);
    }

    public static LinearModel Parse(string path, byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.Length < HeaderSize + 4)
            throw new ModelFormatException(path, $"truncated: {span.Length} bytes is shorter than the {HeaderSize + 4}-byte header and checksum");
        if (!span[..8].SequenceEqual(Magic))
            throw new ModelFormatException(path, "wrong magic: this is not a MentionWatch model (.mwm) file");
        int version = BinaryPrimitives.ReadInt32LittleEndian(span[8..]);
        if (version != FormatVersion)
            throw new ModelFormatException(path, $"format version {version} is not supported (this build reads version {FormatVersion})");
        int jsonLength = BinaryPrimitives.ReadInt32LittleEndian(span[12..]);
        int outputs = BinaryPrimitives.ReadInt32LittleEndian(span[16..]);
        int bits = BinaryPrimitives.ReadInt32LittleEndian(span[20..]);
        int biasRows = BinaryPrimitives.ReadInt32LittleEndian(span[24..]);
        if (jsonLength <= 0 || outputs is < 1 or > 64 || bits is < 10 or > 24 || biasRows is < 1 or > 16)
            throw new ModelFormatException(path, $"corrupted header (metadata length {jsonLength}, outputs {outputs}, hash bits {bits}, bias rows {biasRows})");
        long expected = HeaderSize + (long)jsonLength + 4L * outputs * (biasRows + 1) + ((long)outputs << bits) + 4;
        if (span.Length < expected)
            throw new ModelFormatException(path, $"truncated: expected {expected} bytes, found {span.Length}");
        if (span.Length > expected)
            throw new ModelFormatException(path, $"{span.Length - expected} unexpected bytes after the end of the model");
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(span[^4..]);
        uint actual = Crc32.Compute(span[..^4]);
        if (stored != actual)
            throw new ModelFormatException(path, $"checksum mismatch (stored {stored:x8}, computed {actual:x8}): the file is corrupted");
        var metadata = ParseMetadata(path, span.Slice(HeaderSize, jsonLength));
        metadata.Version = $"{metadata.Task}-v{version}-{actual:x8}";
        Validate(path, metadata, outputs, bits);
        int at = HeaderSize + jsonLength;
        var biases = MemoryMarshal.Cast<byte, float>(span.Slice(at, 4 * outputs * biasRows)).ToArray();
        at += biases.Length * 4;
        var scales = MemoryMarshal.Cast<byte, float>(span.Slice(at, 4 * outputs)).ToArray();
        at += scales.Length * 4;
        if (Array.Exists(scales, s => !(s > 0) || float.IsInfinity(s)))
            throw new ModelFormatException(path, "weight scales must be positive and finite");
        var weights = MemoryMarshal.Cast<byte, sbyte>(span.Slice(at, outputs << bits)).ToArray();
        return new LinearModel(metadata, weights, scales, biases);
    }

    private static ModelMetadata ParseMetadata(string path, ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ModelMetadataJson.Default.ModelMetadata)
                ?? throw new ModelFormatException(path, "metadata is empty");
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(path, $"metadata is not valid JSON ({e.Message})", e);
        }
    }

    private static void Validate(string path, ModelMetadata metadata, int outputs, int bits)
    {
        var problems = new List<string>(metadata.Features.Problems());
        if (metadata.Labels.Length < 2) problems.Add("metadata lists fewer than two labels");
        else if (LinearModel.OutputsFor(metadata.Labels.Length) != outputs)
            problems.Add($"{metadata.Labels.Length} labels do not match {outputs} outputs");
        if (metadata.Features.HashBits != bits) problems.Add($"metadata hash bits {metadata.Features.HashBits} differ from header {bits}");
        int stack = metadata.SentimentStackWeights.Length;
        if (stack != 0 && (outputs != 1 || stack != 3 * LinearModel.BiasLanguages.Length))
            problems.Add($"{stack} sentiment stack weights do not fit a model with {outputs} output(s)");
        if (!(metadata.Temperature > 0)) problems.Add($"temperature {metadata.Temperature} is not positive");
        if (problems.Count > 0) throw new ModelFormatException(path, string.Join("; ", problems));
    }
}
