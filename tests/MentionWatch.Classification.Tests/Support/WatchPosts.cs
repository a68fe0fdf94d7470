namespace MentionWatch.Classification.Tests.Support;

/// <summary>Synthetic posts of one watch for adaptation tests: a sarcastic complaint the shipped models misread, and chatter.</summary>
internal static class WatchPosts
{
    private static readonly string[] Items = ["scooter", "helmet", "charger", "battery", "lock", "brake", "bell", "phone mount", "seat", "kickstand", "headlight", "app", "throttle", "display", "wheel"];

    /// <summary>"Lovely, my helmet from voltik broke again after 3 days. Great job." for item i (wrapping) and day count.</summary>
    public static string SarcasticComplaint(int i) =>
        $"Lovely, my {Items[i % Items.Length]} from voltik broke again after {2 + i % 7} days. Great job.";

    public static string Chatter(int i) =>
        $"Took a voltik to the {Places[i % Places.Length]} with {Friends[i / Places.Length % Friends.Length]} this afternoon";

    private static readonly string[] Places = ["park", "office", "river", "station", "museum", "market", "beach"];
    private static readonly string[] Friends = ["Anna", "my brother", "the kids", "Sam", "a colleague"];
}
