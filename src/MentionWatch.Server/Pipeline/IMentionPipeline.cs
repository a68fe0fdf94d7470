using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;

namespace MentionWatch.Server.Pipeline;

/// <summary>
/// The one way posts enter MentionWatch, whether pushed to the ingest API or fetched by a source:
/// normalize -> dedupe -> match watches -> classify -> store -> live feed.
/// </summary>
public interface IMentionPipeline
{
    /// <summary>
    /// Submits a batch and completes only when every accepted post is durable in the store, together with
    /// <paramref name="cursors"/> (written in the same transaction). A post that fails validation or a stage
    /// is rejected by index; the rest of the batch is kept.
    /// </summary>
    Task<PipelineResult> SubmitAsync(IReadOnlyList<Post> posts, IReadOnlyList<SourceCursor> cursors, CancellationToken cancellationToken);
}

/// <summary>Outcome of one submitted batch.</summary>
public sealed record PipelineResult(int Accepted, int Duplicates, IReadOnlyList<PostRejection> Rejected);

/// <summary>A post that was not stored, by its index in the submitted batch.</summary>
public sealed record PostRejection(int Index, string Error);
