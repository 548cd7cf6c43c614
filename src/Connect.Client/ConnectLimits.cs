namespace Connect.Client;

/// <summary>
/// The limits Connect enforces on what people type, for forms that want to say them before Connect does
/// (<c>maxlength</c>, validation attributes). Connect's answer stays the authority: it refuses anything longer with
/// <c>ERROR_REASON_FIELD_INVALID</c> and the field's name. A test keeps these values equal to the server's.
/// </summary>
/// <example>
/// <code>
/// [StringLength(ConnectLimits.MaxNameLength)]
/// public string GivenName { get; set; } = "";
/// </code>
/// </example>
public static class ConnectLimits
{
    /// <summary>A person's given or family name, a contact person's name, a locality, a topic's name, an application's name: at most 100 characters.</summary>
    public const int MaxNameLength = 100;

    /// <summary>An organisation's display name: at most 200 characters.</summary>
    public const int MaxOrganizationNameLength = 200;

    /// <summary>An e-mail address: at most 254 characters (RFC 5321).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>An operator's reason for a support action or a revocation, kept in the audit log: at most 500 characters.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>A phone number as typed: at most 32 characters.</summary>
    public const int MaxPhoneNumberLength = 32;

    /// <summary>A password: at least 12 characters (and at most 128, not a common one: Connect checks those).</summary>
    public const int MinPasswordLength = 12;

    /// <summary>A search in the member list: at most 100 characters.</summary>
    public const int MaxMemberQueryLength = 100;

    /// <summary>The digits of a one-time code by e-mail or SMS and of an authenticator code.</summary>
    public const int CodeLength = 6;

    /// <summary>A one-time code as typed: six digits, spaces around them allowed (Connect trims them).</summary>
    public const string CodePattern = @"^\s*\d{6}\s*$";
}
