using System.Diagnostics;

namespace MentionWatch.Server.Tests.Support;

/// <summary>The built `mentionwatch` CLI (src/MentionWatch.Cli/bin/&lt;configuration&gt;/net10.0) run as its own process.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(params string[] args)
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory);
        var dll = Path.Combine(RepositoryPaths.Root(), "src", "MentionWatch.Cli", "bin", testDir.Parent!.Name, testDir.Name, "mentionwatch.dll");
        if (!File.Exists(dll)) Assert.Fail($"CLI build not found at {dll}; build the solution first.");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"mentionwatch {string.Join(' ', args)} did not finish in 120 s");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
