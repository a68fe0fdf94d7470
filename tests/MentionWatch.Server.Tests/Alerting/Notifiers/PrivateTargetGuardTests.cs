using System.Net;
using MentionWatch.Server.Alerting.Notifiers;

namespace MentionWatch.Server.Tests.Alerting.Notifiers;

public sealed class PrivateTargetGuardTests
{
    [TestCase("127.0.0.1")]
    [TestCase("127.8.9.10")]
    [TestCase("10.1.2.3")]
    [TestCase("172.16.0.1")]
    [TestCase("172.31.255.255")]
    [TestCase("192.168.1.1")]
    [TestCase("169.254.169.254")]
    [TestCase("100.64.0.1")]
    [TestCase("0.0.0.0")]
    [TestCase("::")]
    [TestCase("::1")]
    [TestCase("fe80::1")]
    [TestCase("fd12:3456:789a::1")]
    [TestCase("fc00::1")]
    [TestCase("::ffff:127.0.0.1")]
    [TestCase("::ffff:10.0.0.1")]
    public void IsPrivate_InternalAddress_IsTrue(string address) => Assert.That(PrivateTargetGuard.IsPrivate(IPAddress.Parse(address)), Is.True);

    [TestCase("8.8.8.8")]
    [TestCase("172.32.0.1")]
    [TestCase("100.128.0.1")]
    [TestCase("2001:4860:4860::8888")]
    [TestCase("::ffff:8.8.8.8")]
    public void IsPrivate_PublicAddress_IsFalse(string address) => Assert.That(PrivateTargetGuard.IsPrivate(IPAddress.Parse(address)), Is.False);

    [TestCase("localhost")]
    [TestCase("LOCALHOST.")]
    [TestCase("api.localhost")]
    [TestCase("[::1]")]
    [TestCase("[::ffff:192.168.0.1]")]
    [TestCase("169.254.169.254")]
    public void CheckConfiguredHost_InternalNotAllowed_IsRefusedNamingTheSwitch(string host) =>
        Assert.That(PrivateTargetGuard.CheckConfiguredHost(host, allowPrivateTargets: false), Does.Contain("Alerts:AllowPrivateTargets=true"));

    [TestCase("localhost", true)]
    [TestCase("hooks.slack.com", false)]
    [TestCase("93.184.216.34", false)]
    public void CheckConfiguredHost_AllowedOrPublic_IsNull(string host, bool allow) =>
        Assert.That(PrivateTargetGuard.CheckConfiguredHost(host, allow), Is.Null);

    [Test]
    public void ConnectAsync_NameResolvingToLoopback_IsRefused()
    {
        // "localhost" resolves through the system resolver, as an attacker's DNS name pointing inside would.
        var guard = new PrivateTargetGuard(allowPrivateTargets: false);

        Assert.That(
            async () => await guard.ConnectAsync("localhost", 9, CancellationToken.None),
            Throws.TypeOf<PrivateTargetRefusedException>().With.Message.Contains("Alerts:AllowPrivateTargets=true"));
    }
}
