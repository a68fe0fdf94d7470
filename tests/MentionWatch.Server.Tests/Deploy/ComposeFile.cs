using System.Text.RegularExpressions;
using MentionWatch.Server.Tests.Support;
using YamlDotNet.Serialization;

namespace MentionWatch.Server.Tests.Deploy;

/// <summary>deploy/docker-compose.yml read the way compose reads it: services, and their environment with ${VAR} filled from deploy/.env.example.</summary>
internal sealed partial class ComposeFile
{
    public static string DeployDirectory => Path.Combine(RepositoryPaths.Root(), "deploy");

    private readonly Dictionary<string, object> _root;

    private ComposeFile(Dictionary<string, object> root, IReadOnlyDictionary<string, string> exampleEnv)
    {
        _root = root;
        ExampleEnv = exampleEnv;
    }

    /// <summary>Variables deploy/.env.example defines, which compose substitutes into the file.</summary>
    public IReadOnlyDictionary<string, string> ExampleEnv { get; }

    public static ComposeFile Load()
    {
        var yaml = File.ReadAllText(Path.Combine(DeployDirectory, "docker-compose.yml"));
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(yaml);
        var env = File.ReadAllLines(Path.Combine(DeployDirectory, ".env.example"))
            .Where(l => l.Contains('=') && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        return new ComposeFile(root, env);
    }

    public IReadOnlyDictionary<string, object> Services =>
        ((Dictionary<object, object>)_root["services"]).ToDictionary(kv => (string)kv.Key, kv => kv.Value);

    public Dictionary<object, object> Service(string name) => (Dictionary<object, object>)Services[name];

    /// <summary>A service's environment as compose passes it: list entries "KEY=value", placeholders substituted.</summary>
    public IReadOnlyDictionary<string, string> Environment(string service) =>
        ((List<object>)Service(service)["environment"]).Cast<string>()
            .Select(e => e.Split('=', 2))
            .ToDictionary(p => p[0], p => Substitute(p[1]));

    /// <summary>Every ${VAR...} the file uses.</summary>
    public IEnumerable<string> Variables(string text) => Placeholder().Matches(text).Select(m => m.Groups["name"].Value).Distinct();

    /// <summary>${VAR}, ${VAR:-default} and ${VAR:?message}, from .env.example (or the default when it has none).</summary>
    public string Substitute(string value) => Placeholder().Replace(value, m =>
        ExampleEnv.TryGetValue(m.Groups["name"].Value, out var set) ? set
        : m.Groups["op"].Value == ":-" ? m.Groups["arg"].Value
        : throw new AssertionException($"${{{m.Groups["name"].Value}}} is used but not defined in deploy/.env.example"));

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:-|:\?)(?<arg>[^}]*))?\}")]
    private static partial Regex Placeholder();
}
