using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace MentionWatch.Server.Configuration;

/// <summary>Names the configuration sources actually read, in order (later wins), for the start-up log.</summary>
internal static partial class ConfigurationReport
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
                case EnvironmentVariablesConfigurationProvider env:
                    // The host also reads ASPNETCORE_/DOTNET_ prefixed variables (before appsettings.json); ToString names the prefix.
                    var prefix = PrefixPattern().Match(env.ToString()) is { Success: true, Groups: [_, { Length: > 0 } p] } ? $" ({p.Value}*)" : "";
                    parts.Add("environment variables" + prefix);
                    break;
                case CommandLineConfigurationProvider:
                    parts.Add("command line");
                    break;
                case ChainedConfigurationProvider:
                case MemoryConfigurationProvider:
                    // The host's own defaults (content root, environment name), not a source an operator edits.
                    break;
                default:
                    parts.Add(provider.ToString() ?? provider.GetType().Name);
                    break;
            }
        }
        return string.Join("; ", parts);
    }

    [GeneratedRegex("Prefix: '([^']*)'")]
    private static partial Regex PrefixPattern();
}
