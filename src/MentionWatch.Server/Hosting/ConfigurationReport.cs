using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace MentionWatch.Server.Hosting;

/// <summary>Names the configuration sources actually read, in order (later wins), for the start-up log.</summary>
internal static class ConfigurationReport
{
    public static string Describe(IConfiguration configuration)
    {
        if (configuration is not IConfigurationRoot root) return "(unknown)";
        var parts = new List<string>();
        foreach (var provider in root.Providers)
        {
            switch (provider)
            {
                case JsonConfigurationProvider json:
                    var file = json.Source.FileProvider?.GetFileInfo(json.Source.Path ?? "");
                    // Optional files that are absent (e.g. appsettings.Production.json) were not read; they are not listed.
                    if (file is { Exists: true }) parts.Add(file.PhysicalPath ?? json.Source.Path ?? "json");
                    break;
                case EnvironmentVariablesConfigurationProvider:
                    // The host reads ASPNETCORE_/DOTNET_ prefixed variables as well; one entry says it.
                    if (!parts.Contains("environment variables")) parts.Add("environment variables");
                    break;
                case CommandLineConfigurationProvider:
                    if (!parts.Contains("command line")) parts.Add("command line");
                    break;
                case ChainedConfigurationProvider:
                    break;
                default:
                    parts.Add(provider.ToString() ?? provider.GetType().Name);
                    break;
            }
        }
        return string.Join("; ", parts);
    }
}
