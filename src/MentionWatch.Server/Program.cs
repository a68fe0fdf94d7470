using MentionWatch.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMentionWatch();

var app = builder.Build();
app.MapMentionWatch();

return await app.RunMentionWatchAsync();

/// <summary>Entry point; public so tests can locate the assembly.</summary>
public partial class Program;
