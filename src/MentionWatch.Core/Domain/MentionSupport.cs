namespace MentionWatch.Core.Domain;

/// <summary>A brand's reply linked to a mention: the reply's mention id and post time.</summary>
public sealed record BrandReply(long Id, DateTimeOffset At);

/// <summary>
/// The support side of a mention: its triage state (see <see cref="TriageStates"/>), the team and person it is
/// assigned to, and the first brand reply by post time.
/// </summary>
public sealed record MentionSupport(string Triage, string? Team = null, string? Assignee = null, BrandReply? FirstReply = null)
{
    public static readonly MentionSupport New = new(TriageStates.New);
}

/// <summary>
/// Triage states and the moves between them: new → assigned → replied → resolved, or ignored; <c>reopened</c> is a move
/// (not a state) that takes a resolved or ignored mention back to new.
/// </summary>
public static class TriageStates
{
    public const string New = "new";
    public const string Assigned = "assigned";
    public const string Replied = "replied";
    public const string Resolved = "resolved";
    public const string Ignored = "ignored";
    public const string Reopened = "reopened";

    public static readonly IReadOnlyList<string> States = [New, Assigned, Replied, Resolved, Ignored];

    /// <summary>Every move a request may ask for.</summary>
    public static readonly IReadOnlyList<string> Moves = [Assigned, Replied, Resolved, Ignored, Reopened];

    /// <summary>The moves allowed from <paramref name="state"/>.</summary>
    public static IReadOnlyList<string> AllowedFrom(string state) => state switch
    {
        New => [Assigned, Replied, Resolved, Ignored],
        Assigned => [Assigned, Replied, Resolved, Ignored],
        Replied => [Assigned, Resolved, Ignored],
        Resolved or Ignored => [Reopened],
        _ => [],
    };

    /// <summary>The state a move leads to.</summary>
    public static string Target(string move) => move == Reopened ? New : move;

    /// <summary>True while the mention still waits for someone (not resolved or ignored).</summary>
    public static bool IsOpen(string state) => state is not (Resolved or Ignored);
}
