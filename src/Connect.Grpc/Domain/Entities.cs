namespace Connect.Grpc.Domain;

/// <summary>Anything the store keeps; ids are time-ordered so that ordering by id is ordering by creation.</summary>
public abstract class Entity
{
    public string Id { get; set; } = Ids.New();
}

public static class Ids
{
    private static readonly Lock Gate = new();
    private static UInt128 _last;

    /// <summary>
    /// A version-7 GUID in hex: sortable by creation time, unguessable enough for ids (never for secrets). Within one
    /// millisecond a version-7 GUID is random, so an id that would not sort after the previous one is the previous plus
    /// one: ids of this process strictly increase, and "newest first" holds even for events of one transaction.
    /// </summary>
    public static string New()
    {
        var value = UInt128.Parse(Guid.CreateVersion7().ToString("N"), System.Globalization.NumberStyles.AllowHexSpecifier,
            System.Globalization.CultureInfo.InvariantCulture);
        lock (Gate)
        {
            _last = value > _last ? value : _last + 1;
            return _last.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}

public sealed class Organization : Entity
{
    public string DisplayName { get; set; } = "";
    /// <summary>Upper-cased, unique.</summary>
    public string AffiliateNumber { get; set; } = "";
    public List<string> TopicIds { get; set; } = [];
    public string Language { get; set; } = Languages.Default;
    public bool Fund { get; set; }
    public bool Suspended { get; set; }
    public DateTime? SuspendedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
    /// <summary>Who the fund writes to; a letter needs the postal address.</summary>
    public OrganizationContact Contact { get; set; } = new();
    /// <summary>
    /// Folded name (fixed width), id, state and search text, set by OrganizationKeys.Refresh only: the organisation
    /// list is an index walk in name order that filters on this key alone. Null until written.
    /// </summary>
    public string? ListKey { get; set; }
}

/// <summary>An organisation's contact person and postal address; every field optional, trimmed.</summary>
public sealed class OrganizationContact
{
    public string PersonName { get; set; } = "";
    /// <summary>1 to 3 lines: street and number, post-office box.</summary>
    public List<string> AddressLines { get; set; } = [];
    public string PostalCode { get; set; } = "";
    public string Locality { get; set; } = "";
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string CountryCode { get; set; } = "CH";
    public string Email { get; set; } = "";
    public string PhoneNumber { get; set; } = "";

    /// <summary>True when a letter can be addressed: a street line, a postal code and a locality.</summary>
    public bool HasPostalAddress() => AddressLines.Count > 0 && PostalCode.Length > 0 && Locality.Length > 0;
}

public sealed class Topic : Entity
{
    public string NameFr { get; set; } = "";
    public string NameDe { get; set; } = "";
    public string NameIt { get; set; } = "";
    public string NameEn { get; set; } = "";
    /// <summary>Set once the fund retired the topic: no longer granted, given or checked; history keeps its id.</summary>
    public DateTime? RetiredAt { get; set; }

    public bool IsRetired() => RetiredAt is not null;
}

public enum InvitationDelivery { Email = 1, Letter = 2, Bootstrap = 3 }

public enum InvitationState { Pending = 1, Redeemed = 2, Expired = 3, Revoked = 4 }

public sealed class Invitation : Entity
{
    public string OrganizationId { get; set; } = "";
    public InvitationDelivery Delivery { get; set; }
    public string? Email { get; set; }
    /// <summary>Keyed hash of the normalised access code; the code itself is never stored.</summary>
    public string CodeHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RedeemedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? CreatedBy { get; set; }
    /// <summary>The invitation a resend issued in this one's place (this one is revoked then).</summary>
    public string? ReplacedById { get; set; }
    /// <summary>The invitation this one replaced.</summary>
    public string? ReplacesId { get; set; }
    /// <summary>The language of an e-mail invitation, so that a resend speaks it again; null for letters, which follow the organisation's.</summary>
    public string? Language { get; set; }

    public InvitationState StateAt(DateTime now) =>
        RedeemedAt is not null ? InvitationState.Redeemed
        : RevokedAt is not null ? InvitationState.Revoked
        : now >= ExpiresAt ? InvitationState.Expired
        : InvitationState.Pending;
}

public sealed class Person : Entity
{
    /// <summary>Lower-cased, unique.</summary>
    public string Email { get; set; } = "";
    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    /// <summary>E.164.</summary>
    public string PhoneNumber { get; set; } = "";
    public string Language { get; set; } = Languages.Default;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PasswordChangedAt { get; set; }
    /// <summary>Raised by every password change or reset: sign-ins started before it can no longer finish.</summary>
    public int CredentialVersion { get; set; }
    /// <summary>A new number waiting for its SMS code; the verified <see cref="PhoneNumber"/> stays until then.</summary>
    public string? PendingPhoneNumber { get; set; }
    /// <summary>The enrolled authenticator's TOTP key, sealed under the server key; null when none.</summary>
    public string? AuthenticatorSecret { get; set; }
    /// <summary>A key shown for enrolment and not yet confirmed by a first code, sealed.</summary>
    public string? PendingAuthenticatorSecret { get; set; }
    /// <summary>The last TOTP time step accepted: a code of that step or an earlier one is never accepted again.</summary>
    public long AuthenticatorLastStep { get; set; }
    /// <summary>Keyed hashes of the unused recovery codes.</summary>
    public List<string> RecoveryCodeHashes { get; set; } = [];
    /// <summary>Keyed hash of the code of the activation e-mail of a person an administrator authorised; null once used.</summary>
    public string? ActivationCodeHash { get; set; }
    public DateTime? ActivationExpiresAt { get; set; }
    public DateTime? ActivationSentAt { get; set; }
    /// <summary>
    /// Set by the fund's second-factor reset: the person has no second factor left and must verify a new mobile number
    /// at their next sign-in before a session is issued.
    /// </summary>
    public bool PhoneNumberRequired { get; set; }
    /// <summary>The folded words of the given and family names, set by <see cref="PersonKeys.Refresh"/> only: support's name search is a range read of this (multikey) index.</summary>
    public List<string> NameWords { get; set; } = [];

    /// <summary>False for a person an administrator authorised who has not chosen a password yet.</summary>
    public bool HasPassword() => PasswordHash.Length > 0;
}

public enum MembershipState { PendingPhone = 1, PendingActivation = 2, Active = 3, Deactivated = 4 }

public sealed class Membership : Entity
{
    public string PersonId { get; set; } = "";
    public string OrganizationId { get; set; } = "";
    public bool Administrator { get; set; }
    public List<string> TopicIds { get; set; } = [];
    public MembershipState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Raised by every change, for the etag.</summary>
    public int Version { get; set; }
    /// <summary>A number waiting for its SMS code: the new member's, or a change an administrator started.</summary>
    public string? PendingPhoneNumber { get; set; }
    /// <summary>
    /// What the administrator typed (names, language, mobile number), shown to the organisation instead of the
    /// person's own data until the person accepts or activates; set for a new person too, so that the organisation
    /// cannot tell whether the address was known. Null once accepted (and for memberships older than this rule).
    /// </summary>
    public MemberInvitee? Invitee { get; set; }
    /// <summary>True when this membership created its person: until they choose a password, the organisation may still correct the names and number it typed.</summary>
    public bool CreatedPerson { get; set; }
    /// <summary>When this membership's last activation or invitation e-mail went out: resends wait 60 seconds after it.</summary>
    public DateTime? NoticeSentAt { get; set; }
    /// <summary>Until when a person with an account may accept the membership; an expired invitation is no longer offered.</summary>
    public DateTime? InvitationExpiresAt { get; set; }

    /// <summary>Whether the person is still this organisation's draft: created by it and without a password.</summary>
    public bool Drafts(Person person) => CreatedPerson && !person.HasPassword();

    // Derived keys, set by MemberKeys.Refresh only, so that lists and counts are indexed range reads.

    /// <summary>
    /// Organisation id, list part, folded family and given name (fixed width), membership id: the member list's
    /// order; then the state and the folded names and e-mail address, so that a list filters on the index alone.
    /// </summary>
    public string ListKey { get; set; } = "";
    /// <summary>The organisation id while this is an active administrator, else null: counts the administrators left.</summary>
    public string? ActiveAdministratorOf { get; set; }
}

/// <summary>A person as the administrator who authorised them typed them, kept on the membership while it waits for the person.</summary>
public sealed class MemberInvitee
{
    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string Language { get; set; } = Languages.Default;
    /// <summary>E.164; the number typed, shown masked once its code was read out, never written on an existing person.</summary>
    public string PhoneNumber { get; set; } = "";
}

public enum RegistrationStep
{
    EmailRequired = 1,
    EmailCodeSent = 2,
    EmailVerified = 3,
    ProfileCompleted = 4,
    PhoneCodeSent = 5,
    PhoneVerified = 6,
    Finished = 7,
}

/// <summary>A registration in progress, reached with a secret token of which only the hash is kept.</summary>
public sealed class Registration : Entity
{
    public string TokenHash { get; set; } = "";
    /// <summary>Hash of the secret in the e-mail's link; null once used or before an e-mail was sent.</summary>
    public string? LinkTokenHash { get; set; }
    public string InvitationId { get; set; } = "";
    public string OrganizationId { get; set; } = "";
    /// <summary>Copied at the start, so every answer can name the organisation without another read.</summary>
    public string OrganizationName { get; set; } = "";
    public RegistrationStep Step { get; set; }
    public string? Email { get; set; }
    public string Language { get; set; } = Languages.Default;
    /// <summary>Set once the e-mail is verified and belongs to a person.</summary>
    public string? ExistingPersonId { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? PasswordHash { get; set; }
    public string? PhoneNumber { get; set; }
    /// <summary>Wrong passwords of an existing person confirming; the registration dies at 5.</summary>
    public int PasswordFailures { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}

public enum ChallengePurpose { RegistrationEmail = 1, RegistrationPhone = 2, SignInSms = 3, PasswordReset = 4, PhoneChange = 5, MemberPhone = 6, MemberPhoneChange = 7 }

/// <summary>A pending one-time code: only its keyed hash, expiry and failed tries are kept.</summary>
public sealed class Challenge : Entity
{
    public ChallengePurpose Purpose { get; set; }
    /// <summary>What the challenge belongs to (a registration, sign-in or person id).</summary>
    public string SubjectId { get; set; } = "";
    /// <summary>Normalised e-mail address or E.164 number; send limits count per destination.</summary>
    public string Destination { get; set; } = "";
    public string CodeHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public int FailedAttempts { get; set; }
    public DateTime? ConsumedAt { get; set; }
    /// <summary>Set when a newer code replaced this one.</summary>
    public DateTime? SupersededAt { get; set; }
}

public sealed class Session : Entity
{
    /// <summary>SHA-256 of the token; the token itself is never stored.</summary>
    public string TokenHash { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string OrganizationId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime LastUsedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? ClientAddress { get; set; }
    public string? UserAgent { get; set; }
}

public enum SignInPurpose { SignIn = 1, PasswordReset = 2 }

public enum SignInStep { ResetCodeSent = 1, PasswordVerified = 2, SecondFactorVerified = 3, Completed = 4 }

/// <summary>A sign-in (or password reset) in progress, reached with a secret token of which only the hash is kept.</summary>
public sealed class SignIn : Entity
{
    public string TokenHash { get; set; } = "";
    public SignInPurpose Purpose { get; set; }
    public SignInStep Step { get; set; }
    /// <summary>Null for a password reset of an unknown address, which must look like any other.</summary>
    public string? PersonId { get; set; }
    /// <summary>Normalised address, for the lock and the send limits.</summary>
    public string Email { get; set; } = "";
    /// <summary>A reset's new password, applied only once the second factor succeeded.</summary>
    public string? NewPasswordHash { get; set; }
    /// <summary>Wrong codes so far, of the reset's e-mailed code and every second factor together; the fifth ends the sign-in for good.</summary>
    public int SecondFactorFailures { get; set; }
    /// <summary>The person's <see cref="Person.CredentialVersion"/> when the sign-in began.</summary>
    public int CredentialVersion { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    /// <summary>After a second-factor reset: the new mobile number the SMS code went to, made the person's verified one when the code is right.</summary>
    public string? PendingPhoneNumber { get; set; }
}

/// <summary>
/// Failed sign-ins of one e-mail address, known or not, so that both look alike. The id is a keyed hash of the
/// address; the address itself is not kept here.
/// </summary>
public sealed class SignInLock : Entity
{
    public int Failures { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime LastFailureAt { get; set; }
}

/// <summary>Who did what to whom; written in the same transaction as the change.</summary>
public sealed class AuditEvent : Entity
{
    public DateTime Time { get; set; }
    public string Action { get; set; } = "";
    public string? ActorPersonId { get; set; }
    /// <summary>The application that acted, and its name then (applications are audited under their name).</summary>
    public string? ActorApplicationId { get; set; }
    public string? ActorApplicationName { get; set; }
    public string? OrganizationId { get; set; }
    public string? TargetType { get; set; }
    public string? TargetId { get; set; }
    public string? ClientAddress { get; set; }
    /// <summary>Field → value (or "before → after"); never a secret.</summary>
    public Dictionary<string, string> Details { get; set; } = [];
    /// <summary>Organisation id + time + event id (see AuditKeys): an organisation's log in time order is an indexed range.</summary>
    public string? OrganizationKey { get; set; }
    /// <summary>Target id + time + event id (see AuditKeys): one member's history in time order is an indexed range.</summary>
    public string? TargetKey { get; set; }

    // Derived keys, set by AuditKeys.Refresh only (layout there): each is an index where a time range is a key range.

    /// <summary>The time and id alone: the whole log in time order.</summary>
    public string? TimeKey { get; set; }
    /// <summary>The acting person's events in time order.</summary>
    public string? ActorKey { get; set; }
    /// <summary>The events of one action family (<c>membership.*</c>) in time order.</summary>
    public string? ActionKey { get; set; }
    /// <summary>A person's sign-ins and failed sign-ins in time order; null for other events.</summary>
    public string? SignInKey { get; set; }
}

public enum MessageChannel { Email = 1, Sms = 2 }

/// <summary>A message waiting to be (or already) handed to SMTP or the SMS gateway.</summary>
public sealed class OutboxMessage : Entity
{
    public MessageChannel Channel { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    /// <summary>Erased once delivered: it may carry a code.</summary>
    public string Body { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>When to try next; null once delivered or given up.</summary>
    public DateTime? DueAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>
    /// A message to nobody: rendered and stored like a real one, so that a door answering an unknown address does the
    /// same work as for a known one (decision 0019). The dispatcher deletes it unsent.
    /// </summary>
    public bool Decoy { get; set; }

    /// <summary>
    /// Derived key, stored with every write: the channel while the message waits to be delivered, else null, so that
    /// the outbox depth per channel is an indexed count of waiting messages only.
    /// </summary>
    public MessageChannel? WaitingChannel => DueAt is null ? null : Channel;
}

/// <summary>Server-wide settings kept in the store (the bootstrap marker, the key for keyed hashes).</summary>
public sealed class SystemSetting : Entity
{
    public string Value { get; set; } = "";
}

public enum ApplicationKind { Internal = 1, Partner = 2 }

/// <summary>
/// An application that calls with its own credential: one of the fund's internal apps, or a partner integration of one
/// organisation. Its secrets are kept as hashes only; the client id is public.
/// </summary>
public sealed class Application : Entity
{
    /// <summary>Unique, public half of the credential.</summary>
    public string ClientId { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public ApplicationKind Kind { get; set; }
    /// <summary>The organisation a partner integration acts for; null for an internal app.</summary>
    public string? OrganizationId { get; set; }
    /// <summary>Who manages it: the organisation's id for a partner integration, <see cref="InternalOwner"/> for an internal app.</summary>
    public string Owner { get; set; } = "";
    public List<string> Scopes { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
    /// <summary>The secrets not yet expired (one, or more during a rotation's overlap).</summary>
    public List<ApplicationSecret> Secrets { get; set; } = [];

    /// <summary>The owner while active, null once revoked: the active applications of an owner are counted on its index.</summary>
    public string? ActiveOwner => RevokedAt is null ? Owner : null;

    public const string InternalOwner = "internal";
}

/// <summary>One secret of an application: its hash, never the secret.</summary>
public sealed class ApplicationSecret
{
    public string Id { get; set; } = Ids.New();
    /// <summary>SHA-256 of the secret (256 random bits: a keyed or slow hash would add nothing).</summary>
    public string Hash { get; set; } = "";
    /// <summary>The secret's first characters, to tell secrets apart.</summary>
    public string Hint { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}

/// <summary>A short-lived access token of an application; only its hash is stored.</summary>
public sealed class ApplicationToken : Entity
{
    public string TokenHash { get; set; } = "";
    public string ApplicationId { get; set; } = "";
    /// <summary>The secret it was issued for: when that secret expires (rotation), the token dies with it.</summary>
    public string SecretId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
