namespace MentionWatch.Server.Auth;

/// <summary>The configured key a request authenticated with: its name (never the key itself), role and claim right.</summary>
internal sealed record ApiCaller(string Name, ApiRole Role, bool MayClaimSources)
{
    /// <summary>The caller of this request, once <see cref="ApiKeyFilter"/> has accepted its key; null before or without one.</summary>
    public static ApiCaller? Of(HttpContext http) => http.Items.TryGetValue(typeof(ApiCaller), out var caller) ? caller as ApiCaller : null;

    public void AttachTo(HttpContext http) => http.Items[typeof(ApiCaller)] = this;
}
