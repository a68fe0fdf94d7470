using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace MentionWatch.Benchmarks;

/// <summary>
/// The real server started as its own process from its Release build, with a temporary store, a random admin key,
/// the demo source off and a free loopback port. Its output goes to server.log in the store directory.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly bool _keep;

    private ServerProcess(Process process, StreamWriter log, Uri url, string key, string storeDir, bool keep)
    {
        _process = process;
        _log = log;
        Url = url;
        AdminKey = key;
        StoreDir = storeDir;
        _keep = keep;
    }

    public Uri Url { get; }
    public string AdminKey { get; }
    public string StoreDir { get; }
    public int Pid => _process.Id;
    public string LogPath => Path.Combine(StoreDir, "server.log");

    /// <param name="environment">Extra environment variables for the server (e.g. <c>Alerts__Rules__x__Type</c>); they win over the defaults.</param>
    public static async Task<ServerProcess> StartAsync(bool keep, CancellationToken ct, IReadOnlyDictionary<string, string>? environment = null)
    {
        var repoRoot = FindRepoRoot();
        var dll = FindServerDll(repoRoot);
        var storeDir = Path.Combine(Path.GetTempPath(), "mentionwatch-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(storeDir);
        var port = FreePort();
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var url = new Uri($"http://127.0.0.1:{port}/");

        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        psi.Environment["Storage__Path"] = storeDir;
        psi.Environment["Auth__AdminKey"] = key;
        psi.Environment["Sources__Demo__Enabled"] = "false";
        // The shipped demo rule would turn every needs-reply benchmark post into alert writes: measure the pipeline alone.
        psi.Environment["Alerts__Rules__demo-needs-reply__Enabled"] = "false";
        psi.Environment["Urls"] = url.ToString().TrimEnd('/');
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) psi.Environment[name] = value;

        var log = new StreamWriter(Path.Combine(storeDir, "server.log")) { AutoFlush = true };
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet " + dll);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log, url, key, storeDir, keep);
        Console.WriteLine($"server: dotnet {dll} (pid {process.Id}) on {url}, store {storeDir}");
        try
        {
            await server.WaitReadyAsync(TimeSpan.FromMinutes(3), ct);
            return server;
        }
        catch
        {
            // The caller never gets the instance, so stop the process here.
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitReadyAsync(TimeSpan limit, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {_process.ExitCode} before it was ready; see {LogPath}:\n{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync("readyz", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Console.WriteLine($"server ready after {watch.Elapsed.TotalSeconds:F1} s");
                    return;
                }

                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    throw new InvalidOperationException("the server has no /readyz endpoint; is this build of MentionWatch.Server complete?");
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException($"the server was not ready within {limit}; see {LogPath}:\n{Tail()}");
    }

    private string Tail()
    {
        lock (_log) _log.Flush();
        try
        {
            using var fs = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(fs);
            var lines = reader.ReadToEnd().Split('\n');
            return string.Join('\n', lines.TakeLast(30));
        }
        catch (IOException ex)
        {
            return "(log unreadable: " + ex.Message + ")";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_log) _log.Dispose();
        if (!_keep)
        {
            try { Directory.Delete(StoreDir, recursive: true); }
            catch (IOException) { }
        }
        else
        {
            Console.WriteLine($"kept the store and server.log in {StoreDir}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MentionWatch.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("MentionWatch.sln not found above " + AppContext.BaseDirectory);
    }

    private static string FindServerDll(string repoRoot)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dll = Path.Combine(repoRoot, "src", "MentionWatch.Server", "bin", configuration, "net10.0", "MentionWatch.Server.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"server build not found; run: dotnet build -c {configuration} src/MentionWatch.Server", dll);
    }
}
