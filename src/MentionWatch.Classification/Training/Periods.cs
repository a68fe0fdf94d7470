namespace MentionWatch.Classification.Training;

/// <summary>
/// SemEval release names ("2013train", "2014sarcasm", "2016devtest", "2016test") in release order, so the
/// newest release can validate a model trained on the older ones (model selection on later data).
/// </summary>
internal static class Periods
{
    /// <summary>Year, then train &lt; dev &lt; devtest &lt; test (test subsets such as "sarcasm" rank as test); unparsable names sort first.</summary>
    public static (int Year, int Stage) Order(string period)
    {
        if (period.Length < 4 || !int.TryParse(period.AsSpan(0, 4), out int year)) return (0, 0);
        int stage = period[4..] switch { "train" => 0, "dev" => 1, "devtest" => 2, _ => 3 };
        return (year, stage);
    }

    /// <summary>The period to hold out: <paramref name="name"/> itself, or the newest one present when it is "newest".</summary>
    public static string Resolve(string name, IEnumerable<string?> periods)
    {
        var present = periods.OfType<string>().Distinct().ToList();
        if (present.Count == 0) throw new ArgumentException("--holdout-period needs training files with a 'period' column");
        if (name != "newest")
            return present.Contains(name) ? name : throw new ArgumentException($"period '{name}' is not in the training files (found {string.Join(", ", present.Order())})");
        return present.OrderBy(Order).Last();
    }
}
