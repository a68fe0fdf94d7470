using MentionWatch.Classification.Model;
using MentionWatch.Classification.Tests.Support;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification.Tests.Model;

public sealed class ModelFileTests
{
    private TempDirectory temp = null!;

    [SetUp]
    public void SetUp() => temp = new TempDirectory();

    [TearDown]
    public void TearDown() => temp.Dispose();

    [Test]
    public void WriteRead_RoundTrip_KeepsWeightsAndMetadata()
    {
        var model = Some.TrainedModel(Tasks.Sentiment);
        model.Metadata.Metrics["val:macroF1"] = 0.5;
        string path = temp.File("m.mwm");
        ModelFile.Write(path, model);
        var read = ModelFile.Read(path);
        Assert.Multiple(() =>
        {
            Assert.That(read.Quantized, Is.EqualTo(model.Quantized));
            Assert.That(read.Scales, Is.EqualTo(model.Scales));
            Assert.That(read.Biases, Is.EqualTo(model.Biases));
            Assert.That(read.Labels, Is.EqualTo(model.Labels));
            Assert.That(read.Spec, Is.EqualTo(model.Spec));
            Assert.That(read.Metadata.Task, Is.EqualTo(Tasks.Sentiment));
            Assert.That(read.Metadata.Seed, Is.EqualTo(model.Metadata.Seed));
            Assert.That(read.Metadata.TrainingFiles, Is.EqualTo(new[] { "synthetic" }));
            Assert.That(read.Metadata.Metrics["val:macroF1"], Is.EqualTo(0.5));
            Assert.That(read.Metadata.Version, Does.StartWith("sentiment-v1-"));
        });
    }

    [Test]
    public void Read_TruncatedFile_IsRefused()
    {
        var bytes = WrittenBytes();
        File.WriteAllBytes(temp.File("t.mwm"), bytes[..(bytes.Length / 2)]);
        AssertRefused("t.mwm", "truncated");
    }

    [Test]
    public void Read_FlippedByte_IsRefusedByChecksum()
    {
        var bytes = WrittenBytes();
        bytes[bytes.Length - 100] ^= 0x40;
        File.WriteAllBytes(temp.File("f.mwm"), bytes);
        AssertRefused("f.mwm", "checksum mismatch");
    }

    [Test]
    public void Read_WrongMagic_IsRefused()
    {
        var bytes = WrittenBytes();
        bytes[0] = (byte)'X';
        File.WriteAllBytes(temp.File("w.mwm"), bytes);
        AssertRefused("w.mwm", "wrong magic");
    }

    [Test]
    public void Read_TrailingBytes_AreRefused()
    {
        File.WriteAllBytes(temp.File("x.mwm"), [.. WrittenBytes(), 1, 2, 3]);
        AssertRefused("x.mwm", "3 unexpected bytes");
    }

    [Test]
    public void Read_TinyOrMissingFile_IsRefused()
    {
        File.WriteAllBytes(temp.File("e.mwm"), [1, 2, 3]);
        AssertRefused("e.mwm", "truncated");
        AssertRefused("missing.mwm", "cannot be read");
    }

    private byte[] WrittenBytes()
    {
        string path = temp.File("source.mwm");
        ModelFile.Write(path, Some.TrainedModel(Tasks.NeedsReply));
        return File.ReadAllBytes(path);
    }

    private void AssertRefused(string name, string problem)
    {
        string path = temp.File(name);
        var e = Assert.Throws<ModelFormatException>(() => ModelFile.Read(path))!;
        Assert.That(e.Message, Does.Contain(path).And.Contain(problem));
    }
}
