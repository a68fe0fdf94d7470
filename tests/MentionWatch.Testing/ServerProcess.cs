using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace MentionWatch.Testing;

/// <summary>
/// The built server run as its own process (<c>dotnet MentionWatch.Server.dll</c>) on a free loopback port, so it can be
/// killed like a crash or measured from outside. The demo source is off and the environment is Production.
/// </summary>
public sealed class ServerProcess : IDisposable, IAsyncDisposable
{
    private static readonly TimeSpan TestReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan BenchmarkReadyTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly StreamWriter? _log;
    private readonly string? _ownedStore;
    private readonly bool _keep;
    private bool _disposed;

    private ServerProcess(Process process, Uri url, string adminKey, string storePath, StreamWriter? log, string? ownedStore, bool keep)
    {
        _process = process;
        Url = url;
        AdminKey = adminKey;
        StoreDir = storePath;
        _log = log;
        _ownedStore = ownedStore;
        _keep = keep;
    }

    /// <summary>The server's base address, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The admin API key the server was started with.</summary>
    public string AdminKey { get; }

    /// <summary>The store folder (<c>Storage__Path</c>).</summary>
    public string StoreDir { get; }

    /// <summary>The server's process id, for reading its CPU time and memory.</summary>
    public int Pid => _process.Id;

    /// <summary>Where the output goes when started for a benchmark; null when it is kept in <see cref="Output"/>.</summary>
    public string? LogPath => _log is null ? null : Path.Combine(StoreDir, "server.log");

    /// <summary>Every line the server wrote to stdout and stderr so far.</summary>
    public IReadOnlyList<string> Output => LogPath is null ? _output.ToArray() : ReadLog();

    /// <summary>
    /// Starts the server for a test on <paramref name="storePath"/> (owned by the caller, so a second server can reopen it)
    /// with its log at Warning. <paramref name="workingDirectory"/> defaults to the binary's folder; <paramref name="environment"/>
    /// adds or overrides variables (a null value removes one).
    /// </summary>
    public static Task<ServerProcess> StartAsync(string storePath, string adminKey, int port,
        string? workingDirectory = null, IDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var variables = new Dictionary<string, string?> { ["Serilog__MinimumLevel__Default"] = "Warning" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) variables[key] = value;
        return StartAsync(new Start(storePath, adminKey, port, workingDirectory, variables, LogToFile: false, OwnsStore: false, Keep: true, TestReadyTimeout), cancellationToken);
    }

    /// <summary>
    /// Starts the server for a benchmark: a temporary store (deleted on dispose unless <paramref name="keep"/>), a random
    /// admin key, the shipped demo alert rule off (so only the pipeline is measured) and the output in server.log in the store.
    /// </summary>
    /// <param name="environment">Extra environment variables (e.g. <c>Alerts__Rules__x__Type</c>); they win over the defaults.</param>
    public static Task<ServerProcess> StartAsync(bool keep, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string?> { ["Alerts__Rules__demo-needs-reply__Enabled"] = "false" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) variables[key] = value;
        var adminKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        return StartAsync(new Start(TempDirectory.Create("bench-store"), adminKey, FreePort(), null, variables, LogToFile: true, OwnsStore: true, keep, BenchmarkReadyTimeout), cancellationToken);
    }

    /// <summary>A loopback port free at the time of asking.</summary>
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

    /// <summary>Kills the server if it still runs and removes its store unless kept; a second call does nothing.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited) Kill();
        _process.Dispose();
        if (_log is not null) lock (_log) _log.Dispose();
        if (_ownedStore is null) return;
        if (_keep) Console.WriteLine($"kept the store and server.log in {_ownedStore}");
        else TempDirectory.Delete(_ownedStore);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed record Start(string StorePath, string AdminKey, int Port, string? WorkingDirectory,
        IReadOnlyDictionary<string, string?> Environment, bool LogToFile, bool OwnsStore, bool Keep, TimeSpan ReadyTimeout);

    private static async Task<ServerProcess> StartAsync(Start start, CancellationToken cancellationToken)
    {
        var dll = ServerDll();
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = start.WorkingDirectory ?? Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var url = new Uri($"http://127.0.0.1:{start.Port}/");
        info.Environment["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/');
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["Storage__Path"] = start.StorePath;
        info.Environment["Auth__AdminKey"] = start.AdminKey;
        info.Environment["Sources__Demo__Enabled"] = "false";
        foreach (var (key, value) in start.Environment) info.Environment[key] = value;

        var log = start.LogToFile ? new StreamWriter(Path.Combine(start.StorePath, "server.log")) { AutoFlush = true } : null;
        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process, url, start.AdminKey, start.StorePath, log, start.OwnsStore ? start.StorePath : null, start.Keep);
        // Drain the pipes so a chatty server never blocks on a full stdout; the lines are kept for tests that read the log.
        process.OutputDataReceived += (_, e) => server.Record(e.Data);
        process.ErrorDataReceived += (_, e) => server.Record(e.Data);
        if (!process.Start()) throw new InvalidOperationException("dotnet did not start " + dll);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (log is not null) Console.WriteLine($"server: dotnet {dll} (pid {process.Id}) on {url}, store {start.StorePath}");
        try
        {
            await server.WaitReadyAsync(start.ReadyTimeout, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            // The caller never gets the instance, so stop the process here.
            server.Dispose();
            throw;
        }
    }

    private void Record(string? line)
    {
        if (line is null) return;
        if (_log is null)
        {
            _output.Enqueue(line);
            return;
        }

        try
        {
            lock (_log) _log.WriteLine(line);
        }
        catch (ObjectDisposedException)
        {
            // A last line arriving after the kill; the log is already closed.
        }
    }

    private async Task WaitReadyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var started = TimeProvider.System.GetTimestamp();
        await Wait.ForAsync(async () =>
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the pipes, so the message holds the last lines
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was ready:{Environment.NewLine}{string.Join(Environment.NewLine, Output.TakeLast(40))}");
            }

            try
            {
                using var response = await client.GetAsync("readyz", cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NotFound) throw new InvalidOperationException("the server has no /readyz endpoint; is this build of MentionWatch.Server complete?");
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }, $"the server on {Url} to answer /readyz{(LogPath is null ? "" : "; see " + LogPath)}", limit, cancellationToken).ConfigureAwait(false);
        if (_log is not null) Console.WriteLine($"server ready after {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F1} s");
    }

    private string[] ReadLog()
    {
        lock (_log!) _log.Flush();
        try
        {
            using var stream = new FileStream(LogPath!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException ex)
        {
            return ["(log unreadable: " + ex.Message + ")"];
        }
    }

    private static string ServerDll()
    {
        var dll = Path.Combine(RepositoryPaths.SourceProjectOutput("MentionWatch.Server"), "MentionWatch.Server.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"server build not found at {dll}; build it first (dotnet build src/MentionWatch.Server with the same configuration)", dll);
    }
}
