namespace MentionWatch.Server.Net;

/// <summary>A notifier or source target resolved only to addresses that <see cref="PrivateTargetGuard"/> refuses.</summary>
internal sealed class PrivateTargetRefusedException(string message) : IOException(message);
