namespace MentionWatch.Core.Storage;

/// <summary>
/// The latest per-watch classifier adaptation of each watch, used or not: its state, who trained it and when, the
/// cross-validation report (JSON, read by the service) and the delta blob (null when it was not used).
/// </summary>
public interface IWatchAdaptationStore
{
    /// <summary>Creates or replaces the watch's adaptation.</summary>
    Task SaveAdaptationAsync(StoredAdaptation adaptation, CancellationToken cancellationToken);

    /// <summary>Every stored adaptation, by watch name.</summary>
    Task<IReadOnlyList<StoredAdaptation>> ListAdaptationsAsync(CancellationToken cancellationToken);

    /// <summary>Removes the watch's adaptation; false when it had none.</summary>
    Task<bool> DeleteAdaptationAsync(string watch, CancellationToken cancellationToken);
}

/// <summary><see cref="State"/> is the service's word (active, rejected); <see cref="Delta"/> is null unless the adaptation is used.</summary>
public sealed record StoredAdaptation(string Watch, string State, DateTimeOffset TrainedAt, string Actor, string Report, byte[]? Delta);
