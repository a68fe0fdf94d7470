namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>A notifier target resolved only to addresses that <see cref="PrivateTargetGuard"/> refuses.</summary>
internal sealed class PrivateTargetRefusedException(string message) : IOException(message);
