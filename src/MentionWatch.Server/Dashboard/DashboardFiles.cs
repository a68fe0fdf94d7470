using System.Collections.Frozen;
using System.Reflection;

namespace MentionWatch.Server.Dashboard;

/// <summary>
/// The dashboard's static files, embedded in the server assembly (so it works whatever the content root is) and served
/// at <c>/</c> and <c>/ui/{file}</c>. No CDN: everything the page loads comes from here.
/// </summary>
internal static class DashboardFiles
{
    private const string Prefix = "MentionWatch.Server.Dashboard.wwwroot.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary();

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(Load);

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Serve("index.html")).ExcludeFromDescription();
        app.MapGet("/ui/{file}", (string file) => Serve(file)).ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(string file) =>
        Files.Value.TryGetValue(file, out var bytes) && ContentTypes.TryGetValue(Path.GetExtension(file), out var type)
            ? Results.Bytes(bytes, type)
            : Results.NotFound();

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(DashboardFiles).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name[Prefix.Length..]] = copy.ToArray();
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
