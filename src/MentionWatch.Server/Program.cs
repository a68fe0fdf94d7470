using MentionWatch.Server.Hosting;

// Configuration (appsettings.json) is read from beside the binary, wherever the process is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddMentionWatch();

var app = builder.Build();
app.MapMentionWatch();

return await app.RunMentionWatchAsync();

/// <summary>Entry point; public so tests can locate the assembly.</summary>
public partial class Program;
