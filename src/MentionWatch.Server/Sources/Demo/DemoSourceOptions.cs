using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Server.Sources.Demo;

/// <summary>The offline demo source (<c>Sources:Demo</c>).</summary>
public sealed class DemoSourceOptions
{
    public const string Section = "Sources:Demo";

    public bool Enabled { get; set; }

    [Range(0.05, 86_400)]
    public double IntervalSeconds { get; set; } = 3;

    [Range(1, 1_000)]
    public int PostsPerTick { get; set; } = 2;

    /// <summary>On an empty store, replays every sample once spread over this many past hours so trends show data at once.</summary>
    [Range(0, 24 * 90)]
    public int BackfillHours { get; set; } = 48;
}
