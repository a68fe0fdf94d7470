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

    /// <summary>Chatter of the same kind that no anchor is: other people, other times of day.</summary>
    public static string OtherChatter(int i) =>
        $"Rode a voltik to the {Places[i % Places.Length]} with {OtherFriends[i / Places.Length % OtherFriends.Length]} this {Times[i % Times.Length]}";

    private static readonly string[] OtherFriends = ["Maria", "my sister", "Tom", "the neighbours", "Alex"];
    private static readonly string[] Times = ["morning", "evening", "weekend"];

    private static readonly string[] Places = ["park", "office", "river", "station", "museum", "market", "beach"];
    private static readonly string[] Friends = ["Anna", "my brother", "the kids", "Sam", "a colleague"];
}
