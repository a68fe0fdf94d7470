namespace MentionWatch.Server.Sources.Kit;

/// <summary>
/// <c>Sources:AllowPrivateTargets</c>: whether sources may call loopback, private or link-local addresses (a test
/// server, an intranet feed). Off by default so a configured URL cannot be used to reach the inside of the network.
/// </summary>
internal sealed record SourceNetworkPolicy(bool AllowPrivateTargets)
{
    public const string Key = PrivateTargetGuard.SourcesAllowKey;

    public PrivateTargetGuard Guard() => new(AllowPrivateTargets, Key);
}
