namespace MentionWatch.Server.Alerting.Rules;

/// <summary>
/// One alert rule as written in configuration (<c>Alerts:Rules:&lt;name&gt;:...</c>) or sent to
/// <c>/api/v1/alert-rules</c>. One flat shape for every rule type: each type reads the fields it needs and
/// validates them (<see cref="IAlertRuleType"/>); the fields every type shares are validated by the engine.
/// </summary>
public sealed class AlertRuleDefinition
{
    /// <summary><c>mention</c>, <c>spike</c>, <c>flatline</c> or <c>sla</c>.</summary>
    public string? Type { get; set; }

    public bool Enabled { get; set; } = true;

    // --- What to look at (all types) ---
    /// <summary>One watch; shorthand for a one-item <see cref="Watches"/>.</summary>
    public string? Watch { get; set; }
    public List<string> Watches { get; set; } = [];
    /// <summary>Source name (<c>x</c>, <c>rss</c>, ...); a flatline rule can watch a source instead of a watch.</summary>
    public string? Source { get; set; }

    // --- mention: conditions on one mention ---
    public bool? NeedsReply { get; set; }
    /// <summary><c>negative</c>, <c>neutral</c> or <c>positive</c>.</summary>
    public string? Sentiment { get; set; }
    public double? MinNegativeProbability { get; set; }
    public double? MinNeedsReplyProbability { get; set; }
    /// <summary>A query in the MentionWatch query language.</summary>
    public string? Query { get; set; }
    public string? Lang { get; set; }
    public long? MinFollowers { get; set; }
    /// <summary>Posts older than this (post time against now) do not page: a backfill of last week is not news.</summary>
    public int MaxPostAgeMinutes { get; set; } = 1440;

    // --- Grouping and repeats ---
    /// <summary><c>none</c> (every mention its own alert), <c>watch</c>, <c>author</c> or <c>conversation</c>.</summary>
    public string GroupBy { get; set; } = "none";
    /// <summary>A mention within this many seconds of its group's last one joins that alert instead of paging again.</summary>
    public int RealertSeconds { get; set; } = 900;
    /// <summary>At most one <c>alert.updated</c> per this many seconds while an alert grows.</summary>
    public int UpdateIntervalSeconds { get; set; } = 60;

    // --- spike ---
    /// <summary><c>negative</c> or <c>needsReply</c>.</summary>
    public string Metric { get; set; } = "negative";
    public int WindowMinutes { get; set; } = 60;
    public int MinCount { get; set; } = 5;
    /// <summary>How many times the expected volume a window must reach to fire (greater than 1).</summary>
    public double Sensitivity { get; set; } = 3;
    /// <summary>Weeks of the same hour of the week that make the seasonal baseline.</summary>
    public int BaselineWeeks { get; set; } = 4;
    /// <summary>Hours of the recent moving average blended with the seasonal baseline.</summary>
    public int RecentHours { get; set; } = 24;
    /// <summary>Share of the seasonal baseline in the blend (0..1); the rest is the recent moving average.</summary>
    public double SeasonalWeight { get; set; } = 0.7;
    /// <summary>Allowance for late posts: a window is final this many seconds after it ends.</summary>
    public int LatenessSeconds { get; set; } = 120;

    // --- flatline ---
    /// <summary>Never fire for a silence shorter than this.</summary>
    public int MinQuietMinutes { get; set; } = 30;
    /// <summary>Only a target that usually delivers at least this many posts an hour can flatline.</summary>
    public double MinRatePerHour { get; set; } = 1;

    // --- sla ---
    /// <summary>A needs-reply mention not answered (nor resolved or ignored) within this many minutes of its post pages.</summary>
    public int? SlaMinutes { get; set; }
    /// <summary>Only mentions assigned to these support teams (<c>Teams:&lt;name&gt;</c>); empty means any.</summary>
    public List<string> Teams { get; set; } = [];
    /// <summary>Count SlaMinutes only inside these hours; see also <see cref="UseTeamBusinessHours"/>.</summary>
    public Routing.ScheduleDefinition? BusinessHours { get; set; }
    /// <summary>Count SlaMinutes inside the business hours of the mention's team, when it has them.</summary>
    public bool UseTeamBusinessHours { get; set; }

    // --- Routing ---
    /// <summary><c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    public string Severity { get; set; } = "warning";
    /// <summary>An author with at least this many followers raises the severity one step.</summary>
    public long? EscalateFollowers { get; set; } = 10_000;
    /// <summary>A group that reaches this many mentions raises the severity one step.</summary>
    public int? EscalateBurst { get; set; } = 10;
    /// <summary>Notifier names (keys of <c>Alerts:Notifiers</c>).</summary>
    public List<string> Notify { get; set; } = [];
    /// <summary>While inside these hours, <see cref="QuietHoursDefinition.Notify"/> is used instead of <see cref="Notify"/>.</summary>
    public QuietHoursDefinition? QuietHours { get; set; }
    /// <summary>An alert not acknowledged within this many minutes also goes to <see cref="EscalateTo"/>.</summary>
    public int? EscalateAfterMinutes { get; set; }
    public List<string> EscalateTo { get; set; } = [];

    /// <summary>Watches named by <see cref="Watch"/> and <see cref="Watches"/> together, without repeats.</summary>
    public IReadOnlyList<string> AllWatches() =>
        (Watch is null ? Watches : [Watch, .. Watches]).Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}

/// <summary>Hours (in an IANA time zone) when pages are downgraded, e.g. e-mail instead of PagerDuty at night.</summary>
public sealed class QuietHoursDefinition
{
    public string? TimeZone { get; set; }
    /// <summary>Local start, <c>HH:mm</c>; may be later than <see cref="End"/> (overnight).</summary>
    public string? Start { get; set; }
    public string? End { get; set; }
    /// <summary>Days the quiet hours apply (<c>mon</c> ... <c>sun</c>); empty means every day.</summary>
    public List<string> Days { get; set; } = [];
    public List<string> Notify { get; set; } = [];
}
