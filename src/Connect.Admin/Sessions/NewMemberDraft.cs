namespace Connect.Admin.Sessions;

/// <summary>
/// The "Nouveau" dialog of the user management as its cookie keeps it between the steps: what the administrator
/// typed so far and, once <c>CreateMember</c> sent the SMS code, the new member's id. Connect holds nothing before
/// that call; after it, the member exists (waiting for the code) and the console only needs its id.
/// </summary>
public sealed record NewMemberDraft(string Email)
{
    /// <summary>How long an unfinished dialog is kept; an SMS code lives 10 minutes.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public string GivenName { get; init; } = string.Empty;

    public string FamilyName { get; init; } = string.Empty;

    public bool Administrator { get; init; }

    public IReadOnlyList<string> TopicIds { get; init; } = [];

    /// <summary>The person's language for their e-mails (a console culture name).</summary>
    public string Language { get; init; } = string.Empty;

    /// <summary>The number as typed, shown again when the administrator corrects it.</summary>
    public string PhoneNumber { get; init; } = string.Empty;

    /// <summary>Set once the member exists and the SMS code went out.</summary>
    public string? MemberId { get; init; }

    public string MaskedPhoneNumber { get; init; } = string.Empty;

    public DateTimeOffset? NextResendTime { get; init; }

    public bool HasNames => GivenName.Length > 0 && FamilyName.Length > 0;
}
