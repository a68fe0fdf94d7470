using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MentionWatch.Server.Tests.Support;

/// <summary>The built server run as its own process (<c>dotnet MentionWatch.Server.dll</c>), so it can be killed like a crash.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Every line the server wrote to stdout and stderr so far.</summary>
    public IReadOnlyList<string> Output => _output.ToArray();

    /// <summary>
    /// Starts the built server; <paramref name="workingDirectory"/> defaults to the binary's folder and
    /// <paramref name="environment"/> adds or overrides variables (a null value removes one).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string storePath, string adminKey, int port,
        string? workingDirectory = null, IDictionary<string, string?>? environment = null)
    {
        var dll = ServerDll();
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Storage__Path"] = storePath;
        info.Environment["Auth__AdminKey"] = adminKey;
        info.Environment["Sources__Demo__Enabled"] = "false";
        info.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) info.Environment[key] = value;
        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        // Drain the pipes so a chatty server never blocks on a full stdout; the lines are kept for tests that read the log.
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) server._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server._output.Enqueue(e.Data); };
        if (!process.Start()) throw new InvalidOperationException("dotnet did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitReadyAsync();
        return server;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; what survives is what was durable.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    private async Task WaitReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was ready: {string.Join(Environment.NewLine, _output)}");
            try
            {
                using var response = await client.GetAsync("/readyz");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The server was not ready within 60 s.");
    }

    /// <summary>src/MentionWatch.Server/bin/&lt;configuration&gt;/net10.0/MentionWatch.Server.dll, built with this test project.</summary>
    private static string ServerDll()
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testDir.Parent!.Name;
        var root = RepoRoot();
        var dll = Path.Combine(root, "src", "MentionWatch.Server", "bin", configuration, testDir.Name, "MentionWatch.Server.dll");
        if (!File.Exists(dll)) Assert.Fail($"Server build not found at {dll}; build the solution first.");
        return dll;
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MentionWatch.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("MentionWatch.sln not found above " + AppContext.BaseDirectory);
    }
}
