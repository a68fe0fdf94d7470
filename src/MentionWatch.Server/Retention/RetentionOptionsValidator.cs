using MentionWatch.Server.Storage;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Retention;

/// <summary>Rollups answer trends for periods whose mentions are gone, so they may not be pruned before the mentions.</summary>
internal sealed class RetentionOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
        options.RetentionDays > 0 && options.RollupRetentionDays < options.RetentionDays
            ? ValidateOptionsResult.Fail(
                $"Storage:RollupRetentionDays ({options.RollupRetentionDays}) must be at least Storage:RetentionDays ({options.RetentionDays}): " +
                "trends read old days from the rollups after their mentions are pruned.")
            : ValidateOptionsResult.Success;
}
