using Microsoft.Extensions.Options;

namespace Connect.Grpc.Letters;

/// <summary>Refuses at start-up a letterhead that could only fail at the first letter (a missing logo file, for one).</summary>
public sealed class LetterOptionsValidator : IValidateOptions<LetterOptions>
{
    public ValidateOptionsResult Validate(string? name, LetterOptions options)
    {
        var failures = new List<string>();
        if (options.LogoPath is not null && LetterLogo.Problem(options.LogoPath) is { } logo)
            failures.Add($"Connect:Letters:LogoPath: {logo}");
        if (options.FundAddress.Length > LetterOptions.MaxFundAddressLines)
            failures.Add($"Connect:Letters:FundAddress must have at most {LetterOptions.MaxFundAddressLines} lines.");
        else if (options.FundAddress.Any(l => string.IsNullOrWhiteSpace(l) || l.Length > LetterOptions.MaxLineLength || l.Any(char.IsControl)))
            failures.Add($"Connect:Letters:FundAddress lines must be 1 to {LetterOptions.MaxLineLength} characters without control characters.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
