namespace MentionWatch.Server.Hosting;

/// <summary>A watch defined in configuration (<c>Watches:N:Name</c> ...); seeded into the store when missing.</summary>
public sealed class WatchConfig
{
    public string? Name { get; set; }
    public string? Query { get; set; }
    public List<string> OwnHandles { get; set; } = [];
    public List<string> Competitors { get; set; } = [];
    /// <summary>Noise rules (<c>Watches:{n}:Noise</c>); seeded with the watch, then changed through the API.</summary>
    public Pipeline.Noise.NoiseOptions? Noise { get; set; }
}
