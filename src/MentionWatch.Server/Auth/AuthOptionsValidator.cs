using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Auth;

/// <summary>Checks the named keys, which DataAnnotations do not reach inside a dictionary.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(options.AdminKey)) seen.Add(options.AdminKey);
        foreach (var (keyName, key) in options.Keys)
        {
            if (string.IsNullOrEmpty(key.Key))
                problems.Add($"Auth:Keys:{keyName}:Key is required.");
            else if (key.Key.Length < AuthOptions.MinKeyLength)
                problems.Add($"Auth:Keys:{keyName}:Key must be at least {AuthOptions.MinKeyLength} characters long.");
            else if (!seen.Add(key.Key))
                problems.Add($"Auth:Keys:{keyName}:Key is the same as another key; every key must be unique.");
            if (!ApiRoles.TryParse(key.Role, out _))
                problems.Add($"Auth:Keys:{keyName}:Role must be one of viewer, analyst, admin (was '{key.Role}').");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
