using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Server.Pipeline;

/// <summary>Sizes of the pipeline's channels and workers.</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Submitted batches waiting between two stages; a full channel makes submitters wait.</summary>
    [Range(1, 10_000)]
    public int ChannelCapacity { get; set; } = 64;

    /// <summary>Classification workers; 0 means one per processor.</summary>
    [Range(0, 256)]
    public int ClassifyWorkers { get; set; }

    /// <summary>Most posts written in one store transaction when several submitters' batches are merged.</summary>
    [Range(1, 100_000)]
    public int MaxStoreBatch { get; set; } = 8_000;

    [Range(1, 1_000_000)]
    public int MaxTextLength { get; set; } = 20_000;
}
