using Connect.Grpc.Security;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// The second-factor step a sign-in has reached: what the caller needs to go on. After a second-factor reset there are
/// no factors and <paramref name="PhoneNumberRequired"/> is set: a new mobile number must be verified first.
/// </summary>
internal sealed record SignInChallengeInfo(string Token, SignIn SignIn, IReadOnlyList<SecondFactorKind> Factors, string MaskedPhoneNumber,
    bool PhoneNumberRequired);

/// <summary>The outcome of a second factor: a session, or the organisations to choose from.</summary>
internal sealed record SignInOutcome(
    (string Token, Session Session)? Session,
    IReadOnlyList<(Membership Membership, Organization Organization)> Organizations,
    int RecoveryCodesLeft);

/// <summary>
/// Sign-in with a password and always a second factor, and "forgot password" (an e-mailed code, a new
/// password, then the usual second factor). An unknown address, a wrong password and an account without an
/// active membership answer alike, in content and in time: each hashes once and writes once.
/// </summary>
internal sealed class SignInFlow(
    IStore store,
    UnitOfWork work,
    TimeProvider time,
    Sessions sessions,
    SignInLocks locks,
    AddressThrottle throttle,
    CodeChallenges challenges,
    SecondFactors secondFactors,
    MobileNumbers mobileNumbers,
    PasswordHasher passwordHasher,
    PasswordPolicy passwordPolicy,
    IFlowMetrics metrics)
{
    /// <summary>How long the second factor (and the choice of organisation) may take after the password; longer than a code lives, so a late code is told apart from a late sign-in.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>How long a password reset may take from the e-mail to the new password.</summary>
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromMinutes(30);

    public const int MaxSecondFactorFailures = CodeChallenges.MaxFailedAttempts;

    private const string Door = "sign-in";

    public async Task<SignInChallengeInfo> Start(Caller caller, string? email, string? password, CancellationToken cancellationToken)
    {
        try
        {
            return await CheckPassword(caller, email, password, cancellationToken);
        }
        catch (ConnectException refused)
        {
            Count(refused, "password");
            throw;
        }
    }

    private async Task<SignInChallengeInfo> CheckPassword(Caller caller, string? email, string? password, CancellationToken cancellationToken)
    {
        var address = Validate.Email("email", email);
        password = PasswordPolicy.Typed("password", password);
        throttle.Take(Door, caller);

        var person = store.Read(r =>
        {
            locks.ThrowIfLocked(r, address);
            return r.PersonByEmail(address);
        });
        var passwordRight = await passwordHasher.VerifyAsync(person?.PasswordHash, password, cancellationToken);
        var upgradedHash = passwordRight && passwordHasher.NeedsRehash(person!.PasswordHash)
            ? await passwordHasher.HashAsync(password, cancellationToken)
            : null;

        return work.Write(change =>
        {
            var w = change.Store;
            // Read again by address, on both paths, so that an unknown address costs the same reads as a known one.
            var found = w.PersonByEmail(address);
            var current = found is not null && found.Id == person?.Id ? found : null;
            // Only once the password is proved right may the answer tell that the person's organisations are suspended.
            if (current is not null && passwordRight && ActiveMemberships.OnlySuspended(w, current.Id))
            {
                change.Audit(caller with { PersonId = current.Id }, AuditActions.PersonSignInRefused, null, "person", current.Id,
                    new() { ["reason"] = "organization_suspended" });
                return change.Refuse<SignInChallengeInfo>(Suspended());
            }
            if (current is null || !passwordRight || ActiveMemberships.Of(w, current.Id).Count == 0)
            {
                var locked = locks.RecordFailure(w, address);
                // The same write for an address that belongs to nobody: an event on the address's lock key.
                if (current is not null)
                    change.Audit(caller, AuditActions.PersonSignInFailed, null, "person", current.Id, new() { ["step"] = "password" });
                else
                    change.Audit(caller, AuditActions.SignInFailedUnknownAddress, null, "address", locks.KeyOf(address), new() { ["step"] = "password" });
                return change.Refuse<SignInChallengeInfo>(locked ?? Failed());
            }
            if (upgradedHash is not null)
            {
                current.PasswordHash = upgradedHash;
                w.Update(current);
                change.Audit(caller with { PersonId = current.Id }, AuditActions.PersonPasswordRehashed, null, "person", current.Id);
            }
            var now = time.UtcNow();
            var token = Secrets.NewToken();
            var signIn = new SignIn
            {
                TokenHash = Secrets.HashToken(token),
                Purpose = SignInPurpose.SignIn,
                Step = SignInStep.PasswordVerified,
                PersonId = current.Id,
                Email = address,
                CredentialVersion = current.CredentialVersion,
                CreatedAt = now,
                ExpiresAt = now + Lifetime,
            };
            w.Insert(signIn);
            change.Audit(caller with { PersonId = current.Id }, AuditActions.PersonPasswordVerified, null, "person", current.Id, new() { ["sign_in_id"] = signIn.Id });
            return Challenge(token, signIn, current);
        });
    }

    /// <summary>
    /// Sends an SMS code to the person's verified number; after a second-factor reset, to the new number
    /// <paramref name="phoneNumber"/> (required then, refused otherwise), which the code will make the verified one.
    /// </summary>
    public (string MaskedPhoneNumber, DateTime NextResend) SendCode(Caller caller, string? token, string? phoneNumber)
    {
        var typed = (phoneNumber ?? "").Trim();
        return work.Write(change =>
        {
            var w = change.Store;
            var signIn = Load(w, token, SignInStep.PasswordVerified);
            var person = PersonOf(w, signIn);
            string number;
            if (person.PhoneNumberRequired)
            {
                if (typed.Length == 0) throw ConnectException.Field("phone_number", "must be the new mobile number to verify");
                number = mobileNumbers.Parse("phone_number", typed);
                signIn.PendingPhoneNumber = number;
                w.Update(signIn);
            }
            else
            {
                if (typed.Length > 0) throw ConnectException.Field("phone_number", "must be empty: the code goes to the verified number");
                if (person.PhoneNumber.Length == 0)
                    throw new ConnectException(ErrorReason.SecondFactorUnavailable, "The person has no verified mobile number.");
                number = person.PhoneNumber;
            }
            var (code, next) = challenges.Issue(w, ChallengePurpose.SignInSms, signIn.Id, number);
            change.Send(new PhoneCodeSms(number, person.Language, code));
            var details = new Dictionary<string, string> { ["phone_number"] = MobileNumbers.Mask(number) };
            if (person.PhoneNumberRequired) details["new_number"] = "true";
            change.Audit(caller with { PersonId = person.Id }, AuditActions.PersonSignInCodeSent, null, "person", person.Id, details);
            return (MobileNumbers.Mask(number), next);
        });
    }

    public SignInOutcome VerifySecondFactor(Caller caller, string? token, SecondFactorKind factor, string? code, string? organizationId)
    {
        try
        {
            var outcome = CheckSecondFactor(caller, token, factor, code, organizationId);
            metrics.SignIn("succeeded", "second_factor");
            return outcome;
        }
        catch (ConnectException refused)
        {
            Count(refused, "second_factor");
            throw;
        }
    }

    private SignInOutcome CheckSecondFactor(Caller caller, string? token, SecondFactorKind factor, string? code, string? organizationId)
    {
        throttle.Take(Door, caller);
        // A refusal still commits: the failure counted, or a reset's new password applied and its e-mail queued.
        return work.Write(change =>
        {
            var w = change.Store;
            var signIn = Load(w, token, SignInStep.PasswordVerified);
            // A reset has proved the mailbox with the e-mailed code: the lock must not shut the owner out of the
            // way back in. The factor's own limits (5 tries per code and per sign-in, 5 codes an hour) still hold.
            var reset = signIn.Purpose == SignInPurpose.PasswordReset;
            if (!reset) locks.ThrowIfLocked(w, signIn.Email);
            var person = PersonOf(w, signIn);
            var organizations = ActiveMemberships.Of(w, person.Id);
            if (!string.IsNullOrEmpty(organizationId) && organizations.All(o => o.Organization.Id != organizationId)) throw OrganizationNotFound();
            // After a reset only the SMS code to the new number counts: nothing else may stand in for the lost phone.
            if (person.PhoneNumberRequired && factor != SecondFactorKind.Sms)
                throw new ConnectException(ErrorReason.SecondFactorUnavailable, "A new mobile number must be verified with its SMS code first.");

            var wrong = CheckFactor(w, signIn, person, factor, code);
            if (wrong is not null)
            {
                var locked = reset ? null : locks.RecordFailure(w, signIn.Email);
                change.Audit(caller, AuditActions.PersonSignInFailed, null, "person", person.Id,
                    new() { ["step"] = "second_factor", ["factor"] = FactorName(factor), ["reason"] = WireNames.Of(wrong.Reason) });
                return change.Refuse<SignInOutcome>(locked ?? wrong);
            }

            var actor = caller with { PersonId = person.Id };
            locks.Clear(w, signIn.Email);
            if (person.PhoneNumberRequired) EnrolPhoneNumber(change, actor, signIn, person);
            if (signIn.NewPasswordHash is not null) ApplyNewPassword(change, actor, signIn, person);
            if (factor == SecondFactorKind.RecoveryCode)
                change.Audit(actor, AuditActions.PersonRecoveryCodeUsed, null, "person", person.Id, new() { ["left"] = Count(person.RecoveryCodeHashes.Count) });
            w.Update(person);
            signIn.Step = SignInStep.SecondFactorVerified;

            // Suspended since the password step: the second factor still counts (a reset's new password holds), but no session.
            if (organizations.Count == 0 && ActiveMemberships.OnlySuspended(w, person.Id))
            {
                signIn.Step = SignInStep.Completed;
                w.Update(signIn);
                return change.Refuse<SignInOutcome>(Suspended());
            }
            var chosen = !string.IsNullOrEmpty(organizationId) ? organizationId
                : organizations.Count == 1 ? organizations[0].Organization.Id
                : null;
            var session = chosen is null ? ((string, Session)?)null : IssueSession(change, actor, signIn, chosen, FactorName(factor));
            if (chosen is null) w.Update(signIn);
            return new SignInOutcome(session, organizations, person.RecoveryCodeHashes.Count);
        });
    }

    public (string Token, Session Session) ChooseOrganization(Caller caller, string? token, string? organizationId)
    {
        var chosen = Validate.Token("organization_id", organizationId, ErrorReason.OrganizationNotFound);
        return work.Write(change =>
        {
            var w = change.Store;
            var signIn = Load(w, token, SignInStep.SecondFactorVerified);
            var person = PersonOf(w, signIn);
            if (ActiveMemberships.Of(w, person.Id).All(o => o.Organization.Id != chosen)) throw OrganizationNotFound();
            return IssueSession(change, caller with { PersonId = person.Id }, signIn, chosen, "organization_choice");
        });
    }

    /// <summary>Starts a reset; whether or not the address is known, a code is made and the answer is the same.</summary>
    public (string Token, SignIn SignIn, DateTime NextResend) StartPasswordReset(Caller caller, string? email)
    {
        var address = Validate.Email("email", email);
        throttle.Take(Door, caller);
        return work.Write(change =>
        {
            var w = change.Store;
            var person = w.PersonByEmail(address);
            var now = time.UtcNow();
            var token = Secrets.NewToken();
            var signIn = new SignIn
            {
                TokenHash = Secrets.HashToken(token),
                Purpose = SignInPurpose.PasswordReset,
                Step = SignInStep.ResetCodeSent,
                PersonId = person?.Id,
                Email = address,
                CredentialVersion = person?.CredentialVersion ?? 0,
                CreatedAt = now,
                ExpiresAt = now + ResetLifetime,
            };
            w.Insert(signIn);
            var next = SendResetCode(change, caller, signIn, person);
            return (token, signIn, next);
        });
    }

    public DateTime ResendPasswordResetCode(Caller caller, string? token)
    {
        return work.Write(change =>
        {
            var w = change.Store;
            var signIn = Load(w, token, SignInStep.ResetCodeSent);
            // An unknown address's reset reads too (an id no person has), so that both paths do the same reads.
            var person = w.Get<Person>(signIn.PersonId ?? signIn.Id);
            return SendResetCode(change, caller, signIn, person);
        });
    }

    /// <summary>Takes the e-mailed code and the new password, which is applied once the second factor succeeds.</summary>
    public async Task<SignInChallengeInfo> ResetPassword(Caller caller, string? token, string? code, string? newPassword, CancellationToken cancellationToken)
    {
        passwordPolicy.Check("new_password", newPassword);
        throttle.Take(Door, caller);
        store.Read(r => Load(r, token, SignInStep.ResetCodeSent));
        var newHash = await passwordHasher.HashAsync(newPassword!, cancellationToken);
        return work.Write(change =>
        {
            var w = change.Store;
            var signIn = Load(w, token, SignInStep.ResetCodeSent);
            var wrong = challenges.Verify(w, ChallengePurpose.PasswordReset, signIn.Id, code)
                ?? (signIn.PersonId is null ? new ConnectException(ErrorReason.CodeInvalid, "The code is wrong.") : null);
            // Counted on the sign-in, as a second factor's: a resent code must not buy five more tries.
            if (wrong?.Reason is ErrorReason.CodeInvalid or ErrorReason.TooManyAttempts)
                return change.Refuse<SignInChallengeInfo>(WrongCode(w, signIn, "code"));
            if (wrong is not null) return change.Refuse<SignInChallengeInfo>(wrong);
            var person = PersonOf(w, signIn);
            var now = time.UtcNow();
            signIn.NewPasswordHash = newHash;
            signIn.Step = SignInStep.PasswordVerified;
            signIn.ExpiresAt = now + Lifetime;
            w.Update(signIn);
            change.Audit(caller with { PersonId = person.Id }, AuditActions.PersonPasswordResetCodeVerified, null, "person", person.Id,
                new() { ["sign_in_id"] = signIn.Id });
            return Challenge(token!, signIn, person);
        });
    }

    private DateTime SendResetCode(Change change, Caller caller, SignIn signIn, Person? person)
    {
        var (code, next) = challenges.Issue(change.Store, ChallengePurpose.PasswordReset, signIn.Id, signIn.Email, sent: person is not null);
        var email = new PasswordResetEmail(signIn.Email, person?.Language ?? Languages.Default, code, time.UtcNow() + CodeChallenges.Validity);
        if (person is not null)
        {
            change.Send(email);
            change.Audit(caller, AuditActions.PersonPasswordResetRequested, null, "person", person.Id);
            return next;
        }
        // An unknown address gets no e-mail but the same work (decision 0019): the e-mail is rendered and stored as a
        // decoy that the dispatcher drops, and the event goes on the address's lock key. Its code exists so that every
        // later answer looks the same.
        change.SendDecoy(email);
        change.Audit(caller, AuditActions.PasswordResetRequestedUnknownAddress, null, "address", locks.KeyOf(signIn.Email));
        return next;
    }

    private ConnectException? CheckFactor(IStoreWriter w, SignIn signIn, Person person, SecondFactorKind factor, string? code)
    {
        switch (factor)
        {
            case SecondFactorKind.Sms:
                var refused = challenges.Verify(w, ChallengePurpose.SignInSms, signIn.Id, code);
                // A wrong SMS code counts against the sign-in too: a new code must not buy five more tries.
                return refused?.Reason is ErrorReason.CodeInvalid or ErrorReason.TooManyAttempts ? WrongCode(w, signIn, FactorField(factor)) : refused;
            case SecondFactorKind.Authenticator when person.AuthenticatorSecret is null:
                throw new ConnectException(ErrorReason.SecondFactorUnavailable, "No authenticator app is enrolled.");
            case SecondFactorKind.RecoveryCode when person.RecoveryCodeHashes.Count == 0:
                throw new ConnectException(ErrorReason.SecondFactorUnavailable, "The person has no recovery codes left.");
            default:
                var right = factor == SecondFactorKind.Authenticator
                    ? secondFactors.UseAuthenticatorCode(person, code)
                    : secondFactors.UseRecoveryCode(person, code);
                return right ? null : WrongCode(w, signIn, FactorField(factor));
        }
    }

    /// <summary>Counts a wrong code (a reset's e-mailed code or any second factor) against the sign-in; the fifth finishes it (see <see cref="Load"/>).</summary>
    private static ConnectException WrongCode(IStoreWriter w, SignIn signIn, string field)
    {
        signIn.SecondFactorFailures++;
        w.Update(signIn);
        var left = MaxSecondFactorFailures - signIn.SecondFactorFailures;
        return left <= 0
            ? Dead()
            : new ConnectException(ErrorReason.CodeInvalid, "The code is wrong or was already used.")
            {
                Violations = [new FieldViolation(field, "is wrong or was already used")],
                Metadata = new Dictionary<string, string> { ["attempts_left"] = Count(left) },
            };
    }

    /// <summary>The SMS code to the new number was right: it becomes the verified number, and the reset is over.</summary>
    private void EnrolPhoneNumber(Change change, Caller actor, SignIn signIn, Person person)
    {
        // Verify found the code of this sign-in's latest challenge, which SendCode issued to the pending number.
        var number = signIn.PendingPhoneNumber ?? throw new InvalidOperationException("An SMS code was verified without a new number.");
        person.PhoneNumber = number;
        person.PendingPhoneNumber = null;
        person.PhoneNumberRequired = false;
        person.UpdatedAt = time.UtcNow();
        signIn.PendingPhoneNumber = null;
        change.Audit(actor, AuditActions.PersonPhoneEnrolled, null, "person", person.Id, new() { ["phone_number"] = MobileNumbers.Mask(number) });
        change.Send(new AccountChangedEmail(person.Email, person.Language, AccountChange.PhoneNumberChanged, person.UpdatedAt));
    }

    private void ApplyNewPassword(Change change, Caller actor, SignIn signIn, Person person)
    {
        person.PasswordHash = signIn.NewPasswordHash!;
        person.CredentialVersion++;
        signIn.CredentialVersion = person.CredentialVersion;
        person.PasswordChangedAt = time.UtcNow();
        person.UpdatedAt = person.PasswordChangedAt.Value;
        signIn.NewPasswordHash = null;
        var ended = sessions.RevokeAll(change.Store, person.Id);
        change.Audit(actor, AuditActions.PersonPasswordReset, null, "person", person.Id, new() { ["ended_sessions"] = Count(ended) });
        change.Send(new AccountChangedEmail(person.Email, person.Language, AccountChange.PasswordChanged, person.PasswordChangedAt!.Value));
    }

    private (string Token, Session Session) IssueSession(Change change, Caller actor, SignIn signIn, string organizationId, string via)
    {
        signIn.Step = SignInStep.Completed;
        change.Store.Update(signIn);
        var issued = sessions.Issue(change.Store, signIn.PersonId!, organizationId, actor);
        change.Audit(actor, AuditActions.SessionCreated, organizationId, "session", issued.Session.Id,
            new() { ["person_id"] = signIn.PersonId!, ["via"] = "sign_in", ["factor"] = via });
        return issued;
    }

    private SignInChallengeInfo Challenge(string token, SignIn signIn, Person person) => person.PhoneNumberRequired
        ? new(token, signIn, [], "", PhoneNumberRequired: true)
        : new(token, signIn, SecondFactors.Available(person), MobileNumbers.Mask(person.PhoneNumber), PhoneNumberRequired: false);

    /// <summary>The live sign-in of a token at the expected step.</summary>
    private SignIn Load(IStoreReader reader, string? token, SignInStep expected)
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
    private static Person PersonOf(IStoreReader reader, SignIn signIn) =>
        (signIn.PersonId is null ? null : reader.Get<Person>(signIn.PersonId)) is { } person && person.CredentialVersion == signIn.CredentialVersion
            ? person
            : throw new ConnectException(ErrorReason.SignInNotFound, "The sign-in is unknown, already completed, or ended by a password change.");

    /// <summary>Counts a refusal that is a verdict on the sign-in; malformed requests and unknown or expired sign-ins are not.</summary>
    private void Count(ConnectException refused, string step)
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

    private static ConnectException Failed() =>
        new(ErrorReason.SignInFailed, "The e-mail address or the password is wrong.");

    private static ConnectException Dead() =>
        new(ErrorReason.TooManyAttempts, "Too many wrong codes: this sign-in is over; start again with the password.");

    private static ConnectException Suspended() =>
        new(ErrorReason.OrganizationSuspended, "The person's organisations are suspended by the fund; call the fund's support.");

    private static ConnectException OrganizationNotFound() =>
        new(ErrorReason.OrganizationNotFound, "The person is not an active member of this organisation.");

    private static string FactorName(SecondFactorKind factor) => factor switch
    {
        SecondFactorKind.Sms => "sms",
        SecondFactorKind.Authenticator => "authenticator",
        _ => "recovery_code",
    };

    private static string FactorField(SecondFactorKind factor) => factor switch
    {
        SecondFactorKind.Sms => "sms_code",
        SecondFactorKind.Authenticator => "authenticator_code",
        _ => "recovery_code",
    };

    private static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
