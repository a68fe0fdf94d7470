using MentionWatch.Core.Domain;
using MentionWatch.Core.Query;

namespace MentionWatch.Server.Sources.X;

/// <summary>A watch's query, parsed once with the shared query language and translated for X.</summary>
internal static class XWatchQueries
{
    public static XQueryTranslation Translate(Watch watch)
    {
        QueryNode tree;
        try
        {
            tree = QueryParser.Parse(watch.Query);
        }
        catch (QuerySyntaxException ex)
        {
            return XQueryTranslation.NotExpressible($"the query does not parse at position {ex.Position}: {ex.Message}");
        }

        return XQueryTranslator.Translate(tree);
    }
}
