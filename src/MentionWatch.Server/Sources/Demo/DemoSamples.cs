using System.Globalization;

namespace MentionWatch.Server.Sources.Demo;

/// <summary>One bundled sample post (without id or time: each replay gives it fresh ones).</summary>
internal sealed record DemoSample(string Lang, string Handle, string Name, long Followers, string Text);

/// <summary>Reads the sample posts bundled in the assembly (Sources/Demo/demo-posts.tsv).</summary>
internal static class DemoSamples
{
    private const string ResourceName = "MentionWatch.Server.Sources.Demo.demo-posts.tsv";

    public static IReadOnlyList<DemoSample> Load()
    {
        using var stream = typeof(DemoSamples).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var samples = new List<DemoSample>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var f = line.Split('\t');
            if (f.Length != 5) throw new FormatException($"Demo sample line {samples.Count + 1} has {f.Length} fields, expected 5.");
            samples.Add(new DemoSample(f[0], f[1], f[2], long.Parse(f[3], CultureInfo.InvariantCulture), f[4]));
        }
        return samples;
    }
}
