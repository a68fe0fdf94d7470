namespace MentionWatch.Classification.Adaptation;

/// <summary>
/// A per-watch adaptation of the shipped models: a sparse weight delta and bias shift for sentiment and/or
/// needs-reply, learnt from one watch's corrections and valid only with the exact shipped models it was trained
/// over (their versions are part of it). Immutable, so classify workers share it without locks.
/// </summary>
public sealed class ClassifierAdaptation
{
    internal ClassifierAdaptation(string sentimentModelVersion, string needsReplyModelVersion, TaskDelta? sentiment, TaskDelta? needsReply)
    {
        if (sentiment is null && needsReply is null) throw new ArgumentException("An adaptation adapts sentiment, needs-reply or both.");
        SentimentModelVersion = sentimentModelVersion;
        NeedsReplyModelVersion = needsReplyModelVersion;
        Sentiment = sentiment;
        NeedsReply = needsReply;
    }

    /// <summary>The shipped sentiment model the delta was trained over.</summary>
    public string SentimentModelVersion { get; }

    /// <summary>The shipped needs-reply model the delta was trained over.</summary>
    public string NeedsReplyModelVersion { get; }

    internal TaskDelta? Sentiment { get; }
    internal TaskDelta? NeedsReply { get; }

    public bool AdaptsSentiment => Sentiment is not null;
    public bool AdaptsNeedsReply => NeedsReply is not null;

    /// <summary>Buckets with a non-zero delta, both tasks together (the size of the adaptation).</summary>
    public int DeltaBuckets => (Sentiment?.Buckets.Length ?? 0) + (NeedsReply?.Buckets.Length ?? 0);

    /// <summary>True when <paramref name="classifier"/> holds the models this adaptation was trained over.</summary>
    public bool IsFor(PostClassifier classifier) =>
        classifier.SentimentModelVersion == SentimentModelVersion && classifier.NeedsReplyModelVersion == NeedsReplyModelVersion;

    /// <summary>The binary form stored beside the watch (see <see cref="AdaptationFile"/>).</summary>
    public byte[] ToBytes() => AdaptationFile.Write(this);

    /// <summary>Reads <see cref="ToBytes"/> output; throws <see cref="ModelFormatException"/> naming <paramref name="name"/> when it is damaged.</summary>
    public static ClassifierAdaptation FromBytes(string name, byte[] bytes) => AdaptationFile.Read(name, bytes);
}
