using Connect.Grpc.Security;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// The second-factor step a sign-in has reached: what the caller needs to go on. After a second-factor reset there are
/// no factors and <paramref name="PhoneNumberRequired"/> is set: a new mobile number must be verified first.
/// </summary>
internal sealed record SignInChallengeInfo(string Token, SignIn SignIn, IReadOnlyList<SecondFactorKind> Factors, string MaskedPhoneNumber,
    bool PhoneNumberRequired)
{
    /// <summary>A passkey policy covers the person (<see cref="PasskeyPolicies"/>).</summary>
    public bool PasskeyRequired { get; init; }
}

/// <summary>The outcome of a second factor: a session, or the organisations to choose from.</summary>
internal sealed record SignInOutcome(
    (string Token, Session Session)? Session,
    IReadOnlyList<(Membership Membership, Organization Organization)> Organizations,
    int RecoveryCodesLeft);

/// <summary>
/// Sign-in with a password and always a second factor, and "forgot password" (an e-mailed code, a new
/// password, then the usual second factor). An unknown address, a wrong password and an account without an
/// active membership answer alike, in content and in time: each hashes once and writes once. The steps, in order:
/// <list type="number">
/// <item><see cref="SignInPasswordStep"/>: the e-mail address and the password.</item>
/// <item><see cref="SignInCodeStep"/>: an SMS code sent (after a second-factor reset, to a new number).</item>
/// <item><see cref="SignInSecondFactorStep"/>: the second factor; a session when there is one organisation.</item>
/// <item><see cref="SignInOrganizationStep"/>: the organisation chosen, when there are several.</item>
/// </list>
/// "Forgot password" starts with <see cref="PasswordResetStartStep"/> (the e-mailed code) and
/// <see cref="PasswordResetFinishStep"/> (the code and the new password), then goes on at step 2.
/// This class holds what the steps share.
/// </summary>
internal sealed class SignInFlow(TimeProvider time, Sessions sessions, IFlowMetrics metrics)
{
    /// <summary>How long the second factor (and the choice of organisation) may take after the password; longer than a code lives, so a late code is told apart from a late sign-in.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>How long a password reset may take from the e-mail to the new password.</summary>
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromMinutes(30);

    public const int MaxSecondFactorFailures = CodeChallenges.MaxFailedAttempts;

    /// <summary>The throttle's door: every step of sign-in and reset draws from the same allowance per client address.</summary>
    public const string Door = "sign-in";

    /// <summary>A new sign-in (or reset) for <paramref name="person"/>, none for an unknown address, and its token; the caller inserts it.</summary>
    public (string Token, SignIn SignIn) Begin(SignInPurpose purpose, SignInStep step, Person? person, string email, TimeSpan lifetime)
    {
        var now = time.UtcNow();
        var token = Secrets.NewToken();
        var signIn = new SignIn
        {
            TokenHash = Secrets.HashToken(token),
            Purpose = purpose,
            Step = step,
            PersonId = person?.Id,
            Email = email,
            CredentialVersion = person?.CredentialVersion ?? 0,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        return (token, signIn);
    }

    /// <summary>Counts a wrong code (a reset's e-mailed code or any second factor) against the sign-in; the fifth finishes it (see <see cref="Load"/>).</summary>
    public static ConnectException WrongCode(IStoreWriter w, SignIn signIn, string field, ErrorReason reason = ErrorReason.CodeInvalid)
    {
        signIn.SecondFactorFailures++;
        w.Update(signIn);
        var left = MaxSecondFactorFailures - signIn.SecondFactorFailures;
        return left <= 0
            ? Dead()
            : new ConnectException(reason, reason == ErrorReason.CodeInvalid ? "The code is wrong or was already used." : "The passkey's answer does not verify.")
            {
                Violations = [new FieldViolation(field, "is wrong or was already used")],
                Metadata = new Dictionary<string, string> { ["attempts_left"] = Count(left) },
            };
    }

    public (string Token, Session Session) IssueSession(Change change, Caller actor, SignIn signIn, string organizationId, string via)
    {
        signIn.Step = SignInStep.Completed;
        change.Store.Update(signIn);
        var issued = sessions.Issue(change.Store, signIn.PersonId!, organizationId, actor, signIn.PasskeyEnrollmentRequired);
        change.Audit(actor, AuditActions.SessionCreated, organizationId, "session", issued.Session.Id,
            new() { ["person_id"] = signIn.PersonId!, ["via"] = "sign_in", ["factor"] = via });
        return issued;
    }

    /// <summary>The second-factor step after the password: the factors the person may use, as a passkey policy allows.</summary>
    public static SignInChallengeInfo Challenge(IStoreReader reader, string token, SignIn signIn, Person person, PasskeyDemand? known = null)
    {
        if (person.PhoneNumberRequired) return new(token, signIn, [], "", PhoneNumberRequired: true);
        var demand = known ?? PasskeyPolicies.Demand(reader, person);
        IReadOnlyList<SecondFactorKind> factors = demand == PasskeyDemand.PasskeyOnly
            ? [SecondFactorKind.Passkey]
            : SecondFactors.Available(person, reader.PasskeysOfPerson(person.Id).Count > 0);
        return new(token, signIn, factors, MobileNumbers.Mask(person.PhoneNumber), PhoneNumberRequired: false)
        {
            PasskeyRequired = demand != PasskeyDemand.None,
        };
    }

    /// <summary>The live sign-in of a token at the expected step.</summary>
    public SignIn Load(IStoreReader reader, string? token, SignInStep expected)
    {
        var value = Validate.Token("sign_in_token", token, ErrorReason.SignInNotFound);
        var hash = Secrets.HashToken(value);
        var signIn = reader.SignInByTokenHash(hash);
        if (signIn is null || signIn.Step == SignInStep.Completed)
            throw new ConnectException(ErrorReason.SignInNotFound, "The sign-in is unknown or already completed.");
        if (time.UtcNow() >= signIn.ExpiresAt)
            throw new ConnectException(ErrorReason.SignInExpired, "The sign-in has expired; start again.");
        // Dead for good after the fifth wrong code, whichever call comes next: only the password starts again.
        if (signIn.SecondFactorFailures >= MaxSecondFactorFailures) throw Dead();
        if (signIn.Step != expected)
            throw new ConnectException(ErrorReason.SignInStepInvalid, $"The sign-in is at step {signIn.Step}.")
            {
                Metadata = new Dictionary<string, string> { ["step"] = signIn.Step.ToString() },
            };
        return signIn;
    }

    /// <summary>The sign-in's person; a password changed since the sign-in began ends it.</summary>
    public static Person PersonOf(IStoreReader reader, SignIn signIn) =>
        (signIn.PersonId is null ? null : reader.Get<Person>(signIn.PersonId)) is { } person && person.CredentialVersion == signIn.CredentialVersion
            ? person
            : throw new ConnectException(ErrorReason.SignInNotFound, "The sign-in is unknown, already completed, or ended by a password change.");

    /// <summary>Counts a refusal that is a verdict on the sign-in; malformed requests and unknown or expired sign-ins are not.</summary>
    public void Count(ConnectException refused, string step)
    {
        var outcome = refused.Reason switch
        {
            ErrorReason.SignInFailed or ErrorReason.CodeInvalid or ErrorReason.CodeExpired or ErrorReason.TooManyAttempts => "failed",
            ErrorReason.SignInLocked => "locked",
            ErrorReason.OrganizationSuspended => "suspended",
            ErrorReason.RateLimited => "rate_limited",
            _ => null,
        };
        if (outcome is not null) metrics.SignIn(outcome, step);
    }

    private static ConnectException Dead() =>
        new(ErrorReason.TooManyAttempts, "Too many wrong codes: this sign-in is over; start again with the password.");

    public static ConnectException Suspended() =>
        new(ErrorReason.OrganizationSuspended, "The person's organisations are suspended by the fund; call the fund's support.");

    public static ConnectException OrganizationNotFound() =>
        new(ErrorReason.OrganizationNotFound, "The person is not an active member of this organisation.");

    public static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
