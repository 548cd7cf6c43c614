namespace Connect.Grpc.Domain;

/// <summary>
/// A message the flows want delivered. The flows say what to tell whom; Messaging renders the text in the
/// recipient's language and delivers it through the persistent outbox.
/// </summary>
public abstract record Message(string To, string Language);

/// <summary>An administrator invitation by e-mail: the access code and the registration link.</summary>
public sealed record InvitationEmail(string To, string Language, string OrganizationName, string AccessCode, string RegistrationUri, DateTime ExpiresAt)
    : Message(To, Language);

/// <summary>The e-mail verification of a registration: a link and a 6-digit code.</summary>
public sealed record EmailCodeEmail(string To, string Language, string Code, string VerifyUri, DateTime ExpiresAt)
    : Message(To, Language);

/// <summary>"Forgot password": the 6-digit code that lets the person choose a new password.</summary>
public sealed record PasswordResetEmail(string To, string Language, string Code, DateTime ExpiresAt) : Message(To, Language);

/// <summary>The account changes a person is told about by e-mail, so that a change they did not make does not go unnoticed.</summary>
public enum AccountChange
{
    PasswordChanged = 1,
    PhoneNumberChanged = 2,
    AuthenticatorRemoved = 3,
    /// <summary>The fund's support removed the mobile number, authenticator and recovery codes; a new number is verified at the next sign-in.</summary>
    SecondFactorReset = 4,
    PasskeyAdded = 5,
    PasskeyRemoved = 6,
}

/// <summary>"Your password (or mobile number, or authenticator) was changed; if it was not you, call us."</summary>
public sealed record AccountChangedEmail(string To, string Language, AccountChange Change, DateTime ChangedAt) : Message(To, Language);

/// <summary>
/// To a person an administrator authorised: who did, for which organisation, and the next steps: the link and
/// code to choose a password, then the first sign-in with an SMS code to the number already verified.
/// </summary>
public sealed record ActivationEmail(string To, string Language, string GivenName, string OrganizationName, string ActivationCode,
    string ActivationUri, DateTime ExpiresAt) : Message(To, Language);

/// <summary>
/// To a person who already has an account: an organisation wants to give them access; they sign in as usual to accept
/// or decline it before <paramref name="ExpiresAt"/>.
/// </summary>
public sealed record MembershipInvitationEmail(string To, string Language, string GivenName, string OrganizationName, DateTime ExpiresAt)
    : Message(To, Language);

/// <summary>A 6-digit code by SMS to verify a mobile number.</summary>
public sealed record PhoneCodeSms(string To, string Language, string Code) : Message(To, Language);

/// <summary>
/// A 6-digit code by SMS that the person reads out to an organisation's administrator (the guide's "Code SMS"): it names
/// the organisation asking, so that a person who expects nothing from it knows not to give the code away.
/// </summary>
public sealed record MemberPhoneCodeSms(string To, string Language, string Code, string OrganizationName) : Message(To, Language);

/// <summary>
/// Puts messages in the persistent outbox, inside the caller's write, so a message exists exactly when the
/// change that caused it was committed; delivery happens afterwards, with retries.
/// </summary>
public interface IMessageOutbox
{
    void Enqueue(IStoreWriter transaction, Message message);

    /// <summary>
    /// Renders and stores <paramref name="message"/> exactly as <see cref="Enqueue"/> does, but as a decoy that is never
    /// delivered: the unknown-address side of a door that sends a message to a known one.
    /// </summary>
    void EnqueueDecoy(IStoreWriter transaction, Message message);

    /// <summary>Wakes the dispatcher after a commit that enqueued something.</summary>
    void Notify();
}
