namespace MentionWatch.Server.Sources.Kit.Query;

/// <summary>Why a watch is or is not polled by a source.</summary>
public enum QueryTranslationKind
{
    /// <summary><see cref="QueryTranslation.Query"/> is ready to send.</summary>
    Translated,
    /// <summary>The watch restricts itself to other sources (source:...): nothing to poll here, not an error.</summary>
    OtherSource,
    /// <summary>The query uses something the source's search cannot express; <see cref="QueryTranslation.Reason"/> says what.</summary>
    NotExpressible,
}

/// <summary>A watch query translated for one source's search, or the reason it is not polled there.</summary>
public sealed record QueryTranslation(QueryTranslationKind Kind, string? Query, string? Reason)
{
    public bool IsPollable => Kind == QueryTranslationKind.Translated;

    public static QueryTranslation Translated(string query) => new(QueryTranslationKind.Translated, query, null);
    public static QueryTranslation OtherSource(string reason) => new(QueryTranslationKind.OtherSource, null, reason);
    public static QueryTranslation NotExpressible(string reason) => new(QueryTranslationKind.NotExpressible, null, reason);
}
