using MentionWatch.Core.Domain;
using MentionWatch.Server.Sources.Kit.Query;

namespace MentionWatch.Server.Sources.X;

/// <summary>A watch's query, parsed once with the shared query language and translated for X.</summary>
internal static class XWatchQueries
{
    public static QueryTranslation Translate(Watch watch) => WatchQueries.Translate(watch, tree => XQueryTranslator.Translate(tree));
}
