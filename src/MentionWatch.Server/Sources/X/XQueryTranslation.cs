namespace MentionWatch.Server.Sources.X;

/// <summary>Why a watch is or is not polled on X.</summary>
public enum XQueryTranslationKind
{
    /// <summary><see cref="XQueryTranslation.Query"/> is ready to send.</summary>
    Translated,
    /// <summary>The watch restricts itself to other sources (source:...): nothing to poll on X, not an error.</summary>
    OtherSource,
    /// <summary>The query uses something X search cannot express; <see cref="XQueryTranslation.Reason"/> says what.</summary>
    NotExpressible,
}

/// <summary>A watch query translated to X search operators, or the reason it is not polled.</summary>
public sealed record XQueryTranslation(XQueryTranslationKind Kind, string? Query, string? Reason)
{
    public bool IsPollable => Kind == XQueryTranslationKind.Translated;

    public static XQueryTranslation Translated(string query) => new(XQueryTranslationKind.Translated, query, null);
    public static XQueryTranslation OtherSource(string reason) => new(XQueryTranslationKind.OtherSource, null, reason);
    public static XQueryTranslation NotExpressible(string reason) => new(XQueryTranslationKind.NotExpressible, null, reason);
}
