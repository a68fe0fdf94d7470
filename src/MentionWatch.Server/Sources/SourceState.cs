using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentionWatch.Server.Sources;

/// <summary>What GET /api/v1/sources says about a source or one of its watches (serialized lower-case).</summary>
[JsonConverter(typeof(SourceStateJsonConverter))]
public enum SourceState
{
    /// <summary>Configured, nothing polled yet.</summary>
    Idle,
    /// <summary>The last poll succeeded.</summary>
    Ok,
    /// <summary>Delivering, but something is off: a watch that cannot be polled, a failing watch among working ones, a gap.</summary>
    Degraded,
    /// <summary>The last poll failed (or the circuit is open), or the source failed permanently (see the reason).</summary>
    Failing,
    /// <summary>Not configured (for example no credentials); never calls out.</summary>
    Disabled,
}

internal sealed class SourceStateJsonConverter() : JsonStringEnumConverter<SourceState>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
