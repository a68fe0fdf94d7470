using System.IO.Compression;
using MentionWatch.Server.Api;
using MentionWatch.Server.Auth;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MentionWatch.Server.Hosting;

/// <summary>The HTTP concerns around the endpoints: error pages, security headers, CORS, compression, throttling, audit (its log is a store role).</summary>
internal static class HttpSetup
{
    // JSON pages, NDJSON and CSV exports compress 5-10x. text/event-stream is left out on purpose: a compressor buffers,
    // and a live feed must reach the client frame by frame.
    private static readonly string[] CompressedTypes =
        ["application/json", "application/problem+json", "application/x-ndjson", "text/csv", "text/plain", "text/html", "text/css", "text/javascript"];

    public static IServiceCollection AddMentionWatchHttp(this IServiceCollection services)
    {
        services.Configure<ProblemDetailsOptions>(o => o.CustomizeProblemDetails = ErrorResponses.FillDetail);
        services.AddOptions<KestrelServerOptions>().Configure(k => k.Limits.MaxRequestLineSize = ErrorResponses.KestrelRequestLineBytes);

        services.AddMentionWatchCors();

        services.AddResponseCompression(o =>
        {
            // Responses carry no secrets (keys are never echoed), so compressing over HTTPS does not open a BREACH-style leak.
            o.EnableForHttps = true;
            o.MimeTypes = CompressedTypes;
            o.ExcludedMimeTypes = ["text/event-stream"];
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static WebApplication UseMentionWatchHttp(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseMentionWatchErrors();
        app.UseCors();
        app.UseResponseCompression();
        app.UseMiddleware<AuditTrail>();
        return app;
    }
}
