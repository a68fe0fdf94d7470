using System.Globalization;
using System.Text.RegularExpressions;

namespace MentionWatch.Benchmarks;

/// <summary>
/// The server's histograms as (sum, count) per series, read from its Prometheus <c>/metrics</c> text; the difference of
/// two snapshots is what happened between them.
/// </summary>
internal sealed partial class ServerMetrics
{
    private readonly Dictionary<string, (double Sum, double Count)> _series;

    private ServerMetrics(Dictionary<string, (double Sum, double Count)> series) => _series = series;

    public static async Task<ServerMetrics> ScrapeAsync(ApiClient api, CancellationToken ct)
    {
        // The exporter caches its answer briefly; wait it out so the snapshot includes the last batches.
        await Task.Delay(TimeSpan.FromSeconds(1.2), ct);
        var series = new Dictionary<string, (double Sum, double Count)>();
        foreach (var line in (await api.GetAsync("metrics", ct)).Split('\n'))
        {
            var match = SumOrCount().Match(line);
            if (!match.Success) continue;
            var key = match.Groups["name"].Value + "{" + string.Join(',', Labels(match.Groups["labels"].Value)) + "}";
            var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            var (sum, count) = series.GetValueOrDefault(key);
            series[key] = match.Groups["kind"].Value == "sum" ? (value, count) : (sum, value);
        }
        return new ServerMetrics(series);
    }

    /// <summary>Mean milliseconds and count since <paramref name="before"/> of a histogram's series with all of <paramref name="labels"/>.</summary>
    public (double MeanMs, double Count) Since(ServerMetrics before, string histogram, params string[] labels)
    {
        double sum = 0, count = 0;
        foreach (var (key, now) in _series)
        {
            if (!key.StartsWith(histogram + "{", StringComparison.Ordinal) || !labels.All(key.Contains)) continue;
            var then = before._series.GetValueOrDefault(key);
            sum += now.Sum - then.Sum;
            count += now.Count - then.Count;
        }
        return (count > 0 ? sum / count * 1000 : 0, count);
    }

    // OpenTelemetry's own scope labels differ between exporter versions and say nothing about the series.
    private static IEnumerable<string> Labels(string labels) =>
        labels.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("otel_", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    [GeneratedRegex("""^(?<name>[a-z_]+)_(?<kind>sum|count)(\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)""")]
    private static partial Regex SumOrCount();
}
