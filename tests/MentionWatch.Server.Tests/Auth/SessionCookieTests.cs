using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MentionWatch.Server.Tests.Support;

namespace MentionWatch.Server.Tests.Auth;

/// <summary>The dashboard session: the cookie stands in for X-Api-Key, and changes made with it need the CSRF token.</summary>
public sealed class SessionCookieTests
{
    private TestServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await TestServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private async Task<(HttpClient Client, string Csrf)> SignInAsync(string key)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = _server.BaseAddress };
        using var response = await client.PostAsJsonAsync("/auth/session", new { apiKey = key });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.GetValues("Set-Cookie").Single(), Does.Contain("httponly").IgnoreCase.And.Contain("samesite=strict").IgnoreCase);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (client, body.GetProperty("csrfToken").GetString()!);
    }

    [Test]
    public async Task SignIn_WrongKey_Is401()
    {
        using var response = await _server.Anonymous.PostAsJsonAsync("/auth/session", new { apiKey = "wrong-wrong-wrong-wrong" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Cookie_Get_IsAcceptedWithoutApiKey()
    {
        var (client, _) = await SignInAsync(TestServer.ViewerKey);
        using var response = await client.GetAsync("/api/v1/watches");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Cookie_ChangeWithoutCsrfToken_Is403AndWithItPassesTheFilter()
    {
        var (client, csrf) = await SignInAsync(TestServer.AdminKey);
        using var without = await client.PostAsync("/api/v1/alerts/999999/acknowledge", null);
        Assert.That(without.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts/999999/acknowledge");
        request.Headers.Add("X-CSRF-Token", csrf);
        using var with = await client.SendAsync(request);
        Assert.That(with.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Cookie_ViewerRole_IsStillTooLowForAnalystEndpoints()
    {
        var (client, csrf) = await SignInAsync(TestServer.ViewerKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts/1/acknowledge");
        request.Headers.Add("X-CSRF-Token", csrf);
        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task SignOut_EndsTheSession()
    {
        var (client, csrf) = await SignInAsync(TestServer.AdminKey);
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/auth/session");
        request.Headers.Add("X-CSRF-Token", csrf);
        using var signOut = await client.SendAsync(request);
        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var after = await client.GetAsync("/api/v1/watches");
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
