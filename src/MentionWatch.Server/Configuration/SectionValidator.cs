using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Configuration;

/// <summary>
/// DataAnnotations validation whose messages name the configuration key ("Pipeline:MaxStoreBatch must be ...")
/// rather than the C# type, so an operator knows what to change.
/// </summary>
internal sealed class SectionValidator<T>(string section) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail(results.Select(r =>
        {
            var member = r.MemberNames.FirstOrDefault();
            var message = r.ErrorMessage ?? "is invalid.";
            // Messages written for this project already name the key; the framework's say "The field X ...".
            return member is null || message.Contains(section + ":", StringComparison.Ordinal)
                ? message
                : $"{section}:{member}: {message}";
        }));
    }
}

internal static class SectionValidatorExtensions
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/>, validated at start with key-named messages.</summary>
    public static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
        return services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
    }
}
