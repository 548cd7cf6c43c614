using Connect.V1;

namespace Connect.Admin.Sessions;

/// <summary>
/// A sign-in between the password (or the reset code) and the session, as the sign-in cookie keeps it: the token
/// that continues it and what the pages need to show, since Connect has no call to read a sign-in back.
/// </summary>
public sealed record SignInState(
    string Token,
    IReadOnlyList<SecondFactor> Factors,
    string MaskedPhoneNumber,
    DateTimeOffset ExpireTime,
    string? ReturnUrl)
{
    /// <summary>True once an SMS code was sent for this sign-in.</summary>
    public bool SmsCodeSent { get; init; }

    /// <summary>When a new SMS code can be asked for.</summary>
    public DateTimeOffset? NextResendTime { get; init; }

    /// <summary>After the second factor, the organisations to choose from; empty before.</summary>
    public IReadOnlyList<OrganizationOption> Organizations { get; init; } = [];

    /// <summary>True after the fund reset the person's second factor: a new mobile number is verified before anything else.</summary>
    public bool PhoneNumberRequired { get; init; }

    /// <summary>
    /// The new mobile number the last code went to, while <see cref="PhoneNumberRequired"/>: a new code goes to it
    /// again without the person typing it twice. The cookie is encrypted, and the number is theirs.
    /// </summary>
    public string? NewPhoneNumber { get; init; }

    /// <summary>A passkey policy covers the person: with a passkey it is the only factor on offer.</summary>
    public bool PasskeyRequired { get; init; }

    public static SignInState From(SignInChallenge challenge, string? returnUrl) => new(
        challenge.SignInToken,
        [.. challenge.SecondFactors],
        challenge.MaskedPhoneNumber,
        challenge.ExpireTime?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow.AddMinutes(10),
        returnUrl)
    {
        PhoneNumberRequired = challenge.PhoneNumberRequired,
        PasskeyRequired = challenge.PasskeyRequired,
    };
}

/// <summary>An organisation the person may sign in to.</summary>
public sealed record OrganizationOption(string Id, string DisplayName, bool Administrator)
{
    public static OrganizationOption From(OrganizationChoice choice) => new(choice.OrganizationId, choice.DisplayName, choice.Administrator);
}
