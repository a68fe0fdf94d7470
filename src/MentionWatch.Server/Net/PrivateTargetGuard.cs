using System.Net;
using System.Net.Sockets;

namespace MentionWatch.Server.Net;

/// <summary>
/// Keeps notifiers and sources from being pointed at the inside of the network (server-side request forgery):
/// loopback, private, link-local, unique-local, unspecified and multicast addresses are refused unless the
/// switch named by <see cref="AllowSwitch"/> (<c>Alerts:AllowPrivateTargets</c> for notifiers,
/// <c>Sources:AllowPrivateTargets</c> for sources) is true. Validation checks what the configuration says (a literal address or
/// localhost); <see cref="ConnectAsync(string, int, CancellationToken)"/> checks what DNS says when connecting, so a
/// public-looking name that resolves inside is refused too.
/// </summary>
internal sealed class PrivateTargetGuard(bool allowPrivateTargets, string allowSwitch = PrivateTargetGuard.AllowKey)
{
    /// <summary>The alert notifiers' switch (the default, kept for them).</summary>
    public const string AllowKey = "Alerts:AllowPrivateTargets";

    /// <summary>The sources' switch.</summary>
    public const string SourcesAllowKey = "Sources:AllowPrivateTargets";

    public bool AllowPrivateTargets { get; } = allowPrivateTargets;

    /// <summary>The configuration key named in refusals.</summary>
    public string AllowSwitch { get; } = allowSwitch;

    /// <summary>Why <paramref name="host"/> (as configured) is refused, or null when it may be used.</summary>
    public static string? CheckConfiguredHost(string host, bool allowPrivateTargets, string allowSwitch = AllowKey)
    {
        if (allowPrivateTargets) return null;
        var bare = host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.');
        var isPrivate = bare.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || bare.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(bare, out var address) && IsPrivate(address));
        return isPrivate ? Refusal("the host", allowSwitch) : null;
    }

    /// <summary>True for addresses that reach this machine or the local network rather than the internet.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,                 // "this network", private, loopback
                100 => b[1] is >= 64 and < 128,         // carrier-grade NAT, often routable inside clouds
                169 => b[1] == 254,                     // link-local, including cloud metadata endpoints
                172 => b[1] is >= 16 and < 32,
                192 => b[1] == 168,
                >= 224 => true,                         // multicast, reserved, broadcast
                _ => false,
            };
        }

        return IPAddress.IsLoopback(address)
            || address.Equals(IPAddress.IPv6Any)
            || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal
            || address.IsIPv6UniqueLocal
            || address.IsIPv6Multicast;
    }

    /// <summary>The operator-facing reason, naming the switch that lifts the refusal.</summary>
    public static string Refusal(string what, string allowSwitch = AllowKey) =>
        $"{what} is a loopback, private or link-local address; set {allowSwitch}=true to allow internal targets.";

    /// <summary>SocketsHttpHandler.ConnectCallback: resolve, refuse private addresses unless allowed, connect.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = await ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>A connected socket to <paramref name="host"/>; throws <see cref="PrivateTargetRefusedException"/>.</summary>
    public async Task<Socket> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        // Connecting only to allowed addresses (rather than checking and letting the OS resolve again) leaves no
        // window for a DNS answer that changes between the check and the connect.
        var allowed = AllowPrivateTargets ? addresses : addresses.Where(a => !IsPrivate(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new PrivateTargetRefusedException(Refusal($"every address of '{host}'", AllowSwitch));
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, port, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
