namespace MentionWatch.Server.Tests.Sources.Support;

/// <summary>Polls a condition of a running server (real clock) until it holds or 20 s pass.</summary>
internal static class Wait
{
    public static async Task ForAsync(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what}");
            await Task.Delay(25);
        }
    }

    public static Task ForAsync(Func<bool> condition, string what, int seconds = 20) => ForAsync(() => Task.FromResult(condition()), what, seconds);
}
