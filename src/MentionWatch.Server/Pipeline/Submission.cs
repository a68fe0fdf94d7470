using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;

namespace MentionWatch.Server.Pipeline;

internal enum PostOutcome : byte { Pending, Rejected, Duplicate, Accepted }

/// <summary>One caller's batch travelling through the stages; each stage only touches posts still pending.</summary>
internal sealed class Submission
{
    public Submission(IReadOnlyList<Post> posts, IReadOnlyList<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        Posts = [.. posts];
        Cursors = cursors;
        CancellationToken = cancellationToken;
        Outcomes = new PostOutcome[posts.Count];
        Errors = new string?[posts.Count];
        Matches = new WatchMatch?[posts.Count];
        Prepared = new PreparedMentionWrite?[posts.Count];
    }

    public Post[] Posts { get; }
    public IReadOnlyList<SourceCursor> Cursors { get; }
    public CancellationToken CancellationToken { get; }
    public PostOutcome[] Outcomes { get; }
    public string?[] Errors { get; }
    public WatchMatch?[] Matches { get; }
    /// <summary>
    /// Each classified mention as the store will write it (<see cref="IPreparingMentionWriter.Prepare"/>, in the classify
    /// stage); <see cref="PreparedMentionWrite.Mention"/> is the mention itself, so it is not kept a second time.
    /// </summary>
    public PreparedMentionWrite?[] Prepared { get; }

    /// <summary>When the batch was written to its current stage's input channel (a <see cref="TimeProvider"/> timestamp).</summary>
    public long Queued { get; set; }

    /// <summary>Keys seen so far in this batch; only the dedupe stage uses it.</summary>
    public HashSet<(string Source, string ExternalId)>? SeenKeys { get; set; }

    public TaskCompletionSource<PipelineResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Reject(int index, string error)
    {
        Outcomes[index] = PostOutcome.Rejected;
        Errors[index] = error;
        Prepared[index] = null;
    }

    public PipelineResult ToResult()
    {
        int accepted = 0, duplicates = 0;
        var rejected = new List<PostRejection>();
        for (var i = 0; i < Outcomes.Length; i++)
        {
            switch (Outcomes[i])
            {
                case PostOutcome.Accepted: accepted++; break;
                case PostOutcome.Duplicate: duplicates++; break;
                default: rejected.Add(new PostRejection(i, Errors[i] ?? "The post was not processed.")); break;
            }
        }
        return new PipelineResult(accepted, duplicates, rejected);
    }
}
