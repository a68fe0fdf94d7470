namespace MentionWatch.Benchmarks;

/// <summary>
/// Resident memory of a process. <see cref="RssAnonKiB"/> is its private (anonymous) memory: heaps, stacks, native
/// buffers. <see cref="RssFileKiB"/> and <see cref="RssShmemKiB"/> are file-backed and shared pages, mostly the
/// memory-mapped database and the loaded binaries, which the kernel can drop and re-read at will.
/// </summary>
internal sealed record MemorySample(string When, long VmRssKiB, long VmHwmKiB, long RssAnonKiB = 0, long RssFileKiB = 0, long RssShmemKiB = 0);

/// <summary>Reads <see cref="MemorySample"/> from /proc/&lt;pid&gt;/status (Linux).</summary>
internal static class ProcessMemory
{
    public static MemorySample? Read(int? pid, string when)
    {
        var path = $"/proc/{pid}/status";
        if (pid is null || !File.Exists(path)) return null;
        long rss = 0, hwm = 0, anon = 0, file = 0, shmem = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = KiB(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = KiB(line);
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) anon = KiB(line);
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal)) file = KiB(line);
            else if (line.StartsWith("RssShmem:", StringComparison.Ordinal)) shmem = KiB(line);
        }

        return new MemorySample(when, rss, hwm, anon, file, shmem);
    }

    private static long KiB(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}

/// <summary>CPU time of a process, all its threads, from /proc/&lt;pid&gt;/stat (utime + stime, in USER_HZ ticks of 10 ms).</summary>
internal static class ProcessCpu
{
    public static TimeSpan? Read(int? pid)
    {
        var path = $"/proc/{pid}/stat";
        if (pid is null || !File.Exists(path)) return null;
        var stat = File.ReadAllText(path);
        // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromMilliseconds((long.Parse(fields[11]) + long.Parse(fields[12])) * 10);
    }
}
