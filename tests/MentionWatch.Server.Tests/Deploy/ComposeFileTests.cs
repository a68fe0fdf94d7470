using MentionWatch.Server.Auth;
using MentionWatch.Server.Hosting;
using MentionWatch.Server.Sources.Demo;
using MentionWatch.Server.Sources.X;
using MentionWatch.Server.Storage;
using MentionWatch.Server.Storage.Elasticsearch;
using MentionWatch.Server.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace MentionWatch.Server.Tests.Deploy;

/// <summary>
/// The compose file cannot be run here (no Docker engine), so what it promises is checked: every MentionWatch setting is a
/// key the server binds, the values pass the server's own validation, and every file and variable it names exists.
/// </summary>
[TestFixture]
public sealed class ComposeFileTests
{
    // Longest prefix first: a key belongs to the most specific options class that binds it.
    private static readonly (string Section, Type Options)[] BoundSections =
    [
        (ElasticsearchConnectionOptions.Section, typeof(ElasticsearchConnectionOptions)),
        (StorageOptions.Section, typeof(StorageOptions)),
        (DemoSourceOptions.Section, typeof(DemoSourceOptions)),
        (XSourceOptions.SectionName, typeof(XSourceOptions)),
        (AuthOptions.Section, typeof(AuthOptions)),
    ];

    private ComposeFile _compose = null!;

    [SetUp]
    public void Load() => _compose = ComposeFile.Load();

    private IReadOnlyDictionary<string, string> ServerSettings() =>
        _compose.Environment("mentionwatch").Where(kv => kv.Key.Contains("__"))
            .ToDictionary(kv => kv.Key.Replace("__", ":"), kv => kv.Value);

    [Test]
    public void MentionWatchEnvironment_EveryKey_IsBoundByAnOptionsClassOfTheServer()
    {
        var settings = ServerSettings();
        Assert.That(settings.Keys, Has.Some.StartWith("Storage:Elasticsearch:"));

        foreach (var group in settings.GroupBy(kv => BoundSections.FirstOrDefault(s => kv.Key.StartsWith(s.Section + ":", StringComparison.OrdinalIgnoreCase))))
        {
            Assert.That(group.Key.Section, Is.Not.Null, $"{string.Join(", ", group.Select(kv => kv.Key))}: no options class of the server binds these keys");
            var section = new ConfigurationBuilder().AddInMemoryCollection(group.Select(kv =>
                new KeyValuePair<string, string?>(kv.Key[(group.Key.Section.Length + 1)..], kv.Value))).Build();
            // A key without a property (a typo, or Storage:Elasticsearch:Url from before) throws naming the key.
            Assert.That(() => section.Get(group.Key.Options, o => o.ErrorOnUnknownConfiguration = true), Throws.Nothing,
                $"section {group.Key.Section}");
        }
    }

    [Test]
    public void MentionWatchEnvironment_ChoosesElasticsearchWithSettingsThatPassValidation()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(ServerSettings()!).Build();
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>()!;
        var connection = configuration.GetSection(ElasticsearchConnectionOptions.Section).Get<ElasticsearchConnectionOptions>()!;

        Assert.That(StorageProviders.Find(storage.Provider)?.Name, Is.EqualTo(ElasticsearchStorageProvider.ProviderName));
        var result = new ElasticsearchConnectionOptionsValidator().Validate(null, connection);
        Assert.That(result.Failed, Is.False, result.FailureMessage);
        Assert.That(connection.Urls, Is.EqualTo(new[] { "http://elasticsearch:9200" }), "the cluster's compose service name and port");
        Assert.That(connection.Username, Is.EqualTo("mentionwatch"), "the user deploy/setup/elasticsearch.sh creates");
        Assert.That(connection.Password, Is.EqualTo(_compose.ExampleEnv["MENTIONWATCH_ES_PASSWORD"]));
        Assert.That(configuration["Auth:AdminKey"], Has.Length.GreaterThanOrEqualTo(16));
    }

    [Test]
    public void ComposeFile_EveryVariable_IsDefinedInTheEnvExample()
    {
        var text = File.ReadAllText(Path.Combine(ComposeFile.DeployDirectory, "docker-compose.yml"));
        var undefined = _compose.Variables(text).Where(v => !_compose.ExampleEnv.ContainsKey(v)).ToList();

        Assert.That(undefined, Is.Empty);
        Assert.That(_compose.ExampleEnv["STACK_VERSION"], Does.StartWith("9."), "Elasticsearch 9 (the 9.x client cannot talk to 7)");
    }

    [Test]
    public void ComposeFile_Services_StartElasticsearchKibanaSetupAndMentionWatchInOrder()
    {
        Assert.That(_compose.Services.Keys, Is.SupersetOf(new[] { "elasticsearch", "elasticsearch-setup", "kibana", "kibana-setup", "mentionwatch" }));
        var elasticsearch = _compose.Environment("elasticsearch");
        Assert.That(elasticsearch["xpack.security.enabled"], Is.EqualTo("true"));
        Assert.That(elasticsearch["discovery.type"], Is.EqualTo("single-node"));
        Assert.That(elasticsearch["ELASTIC_PASSWORD"], Is.EqualTo(_compose.ExampleEnv["ELASTIC_PASSWORD"]));
        Assert.That(_compose.Environment("kibana")["ELASTICSEARCH_USERNAME"], Is.EqualTo("kibana_system"), "Kibana 8+ refuses the elastic superuser");
        Assert.That(DependsOn("mentionwatch"), Does.ContainKey("elasticsearch-setup"));
        Assert.That(DependsOn("kibana-setup")["kibana"], Is.EqualTo("service_healthy"));
    }

    [Test]
    public void ComposeFile_EveryMountedFolderAndScript_Exists()
    {
        foreach (var (name, _) in _compose.Services)
        {
            var service = _compose.Service(name);
            if (!service.TryGetValue("volumes", out var volumes)) continue;
            foreach (var mount in ((List<object>)volumes).Cast<string>().Where(v => v.StartsWith("./", StringComparison.Ordinal)))
                Assert.That(Directory.Exists(Path.Combine(ComposeFile.DeployDirectory, mount.Split(':')[0])), Is.True, $"{name}: {mount}");
            if (service.TryGetValue("entrypoint", out var entrypoint) && ((List<object>)entrypoint).Cast<string>().LastOrDefault() is { } script
                && script.StartsWith("/setup/", StringComparison.Ordinal))
                Assert.That(File.Exists(Path.Combine(ComposeFile.DeployDirectory, "setup", Path.GetFileName(script))), Is.True, $"{name}: {script}");
        }
        Assert.That(File.ReadAllText(Path.Combine(ComposeFile.DeployDirectory, "setup", "kibana.sh")), Does.Contain("/kibana/mentionwatch.ndjson"));
        Assert.That(File.Exists(Path.Combine(ComposeFile.DeployDirectory, "kibana", "mentionwatch.ndjson")), Is.True);
    }

    [Test]
    public void Dockerfile_BuildsWithTheSdkAndRunsTheServerOnTheAspNetRuntime()
    {
        var build = (Dictionary<object, object>)_compose.Service("mentionwatch")["build"];
        var dockerfile = Path.Combine(ComposeFile.DeployDirectory, (string)build["context"], (string)build["dockerfile"]);
        var lines = File.ReadAllLines(dockerfile);

        var stages = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.That(stages, Is.EqualTo(new[] { "FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", "FROM mcr.microsoft.com/dotnet/aspnet:10.0" }));
        Assert.That(lines, Has.Some.Contains("dotnet publish src/MentionWatch.Server/MentionWatch.Server.csproj"));
        Assert.That(File.Exists(Path.Combine(RepositoryPaths.Root(), "src", "MentionWatch.Server", "MentionWatch.Server.csproj")), Is.True);
        Assert.That(lines.Last(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)), Does.Contain($"\"{typeof(Program).Assembly.GetName().Name}.dll\""));
    }

    private Dictionary<string, string> DependsOn(string service) =>
        ((Dictionary<object, object>)_compose.Service(service)["depends_on"])
            .ToDictionary(kv => (string)kv.Key, kv => (string)((Dictionary<object, object>)kv.Value)["condition"]);
}
