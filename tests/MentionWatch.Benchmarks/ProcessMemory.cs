namespace MentionWatch.Benchmarks;

internal sealed record MemorySample(string When, long VmRssKiB, long VmHwmKiB);

/// <summary>Resident memory of the server process from /proc/&lt;pid&gt;/status (Linux).</summary>
internal static class ProcessMemory
{
    public static MemorySample? Read(int? pid, string when)
    {
        var path = $"/proc/{pid}/status";
        if (pid is null || !File.Exists(path)) return null;
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = KiB(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = KiB(line);
        }

        return new MemorySample(when, rss, hwm);
    }

    private static long KiB(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}
