using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Auth;

/// <summary>
/// Counts failed authentications per client address in a fixed one-minute window (a partitioned
/// <see cref="FixedWindowRateLimiter"/>). Only failures use up permits; once an address has none left, every API request
/// from it is refused, even with a valid key, because otherwise a correct guess would still get through. The refusal
/// lasts only until the window ends, which is what Retry-After says.
/// </summary>
internal sealed class FailedAuthThrottle : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<string> _limiter;

    public FailedAuthThrottle(IOptions<AuthOptions> options)
    {
        var permits = options.Value.FailedAttemptsPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Window, QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>Null while <paramref name="address"/> may still try; otherwise how long until it may (at most the window).</summary>
    public TimeSpan? Blocked(IPAddress? address)
    {
        // Zero permits asks "is any left?" without using one up.
        using var lease = _limiter.AttemptAcquire(Key(address), 0);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero && retryAfter <= Window
            ? retryAfter
            : Window;
    }

    /// <summary>Records one failed authentication from <paramref name="address"/>.</summary>
    public void Failed(IPAddress? address)
    {
        using var _ = _limiter.AttemptAcquire(Key(address), 1);
    }

    private static string Key(IPAddress? address) => address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    public void Dispose() => _limiter.Dispose();
}
