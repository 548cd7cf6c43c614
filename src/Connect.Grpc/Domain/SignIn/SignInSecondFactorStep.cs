using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// Step 3 of <see cref="SignInFlow"/>: the second factor (an SMS code, an authenticator code, a recovery code or a passkey). It
/// applies what a reset has waiting (a new number, a new password) and gives a session when there is one organisation.
/// </summary>
internal sealed class SignInSecondFactorStep(
    IStore store,
    UnitOfWork work,
    TimeProvider time,
    SignInFlow flow,
    Sessions sessions,
    SignInLocks locks,
    AddressThrottle throttle,
    CodeChallenges challenges,
    SecondFactors secondFactors,
    PasskeyCeremonies ceremonies,
    IFlowMetrics metrics)
{
    public SignInOutcome VerifySecondFactor(Caller caller, string? token, SecondFactorKind factor, string? code, string? organizationId) =>
        Counted(() =>
        {
            throttle.Take(SignInFlow.Door, caller);
            return Complete(caller, token, factor, organizationId, (w, signIn, person) => CheckFactor(w, signIn, person, factor, code));
        });

    /// <summary>
    /// A passkey as the second factor: the answer is verified against the sign-in's challenge and the stored credential
    /// before the write (no await inside one), which then takes the challenge, so that it serves one answer.
    /// </summary>
    public Task<SignInOutcome> VerifyPasskey(Caller caller, string? token, string? credentialJson, string? organizationId,
        CancellationToken cancellationToken) => CountedAsync(async () =>
    {
        throttle.Take(SignInFlow.Door, caller);
        var answer = PasskeyCeremonies.ParseAssertion(PasskeyField, credentialJson);
        var (options, passkey) = store.Read(r =>
        {
            var signIn = flow.Load(r, token, SignInStep.PasswordVerified);
            var person = SignInFlow.PersonOf(r, signIn);
            // Another person's credential is refused like a wrong signature.
            var credential = r.PasskeyByCredentialId(PasskeyCeremonies.CredentialId(answer.RawId));
            return (WaitingOptions(signIn), credential?.PersonId == person.Id ? credential : null);
        });
        var verified = passkey is null ? null : await ceremonies.VerifyAssertionAsync(options, answer, passkey, cancellationToken);
        return Complete(caller, token, SecondFactorKind.Passkey, organizationId, (w, signIn, _) =>
        {
            if (signIn.PasskeyOptions != options) throw PasskeyRegistration.ChallengeInvalid();
            signIn.PasskeyOptions = null;
            signIn.PasskeyExpiresAt = null;
            return verified is not null && ceremonies.RecordUse(w, passkey!, verified)
                ? null
                : SignInFlow.WrongCode(w, signIn, PasskeyField, ErrorReason.PasskeyInvalid);
        });
    });

    /// <summary>Request options for the person's passkeys, their challenge kept on the sign-in (a new one replaces it).</summary>
    public (string OptionsJson, DateTime ExpiresAt) RequestPasskeyChallenge(Caller caller, string? token)
    {
        throttle.Take(SignInFlow.Door, caller);
        return work.Write(change =>
        {
            var w = change.Store;
            var signIn = flow.Load(w, token, SignInStep.PasswordVerified);
            var person = SignInFlow.PersonOf(w, signIn);
            var passkeys = w.PasskeysOfPerson(person.Id);
            if (passkeys.Count == 0 || person.PhoneNumberRequired)
                throw new ConnectException(ErrorReason.SecondFactorUnavailable, "The person has no passkey.");
            signIn.PasskeyOptions = ceremonies.AssertionOptions(passkeys, passwordless: false);
            signIn.PasskeyExpiresAt = ceremonies.ExpiryFromNow();
            w.Update(signIn);
            return (signIn.PasskeyOptions, signIn.PasskeyExpiresAt.Value);
        });
    }

    private const string PasskeyField = "passkey_credential_json";

    private string WaitingOptions(SignIn signIn) =>
        signIn.PasskeyOptions is { } options && signIn.PasskeyExpiresAt > time.UtcNow() ? options : throw PasskeyRegistration.ChallengeInvalid();

    private SignInOutcome Counted(Func<SignInOutcome> verify) => CountedAsync(() => Task.FromResult(verify())).GetAwaiter().GetResult();

    /// <summary>Counts the outcome of a second factor in the sign-in metrics.</summary>
    private async Task<SignInOutcome> CountedAsync(Func<Task<SignInOutcome>> verify)
    {
        try
        {
            var outcome = await verify();
            metrics.SignIn("succeeded", "second_factor");
            return outcome;
        }
        catch (ConnectException refused)
        {
            flow.Count(refused, "second_factor");
            throw;
        }
    }

    /// <summary>
    /// Checks a factor with <paramref name="check"/> (null when right, else the refusal, already counted) inside the
    /// write, then applies what a reset has waiting and issues the session when the organisation is known.
    /// </summary>
    private SignInOutcome Complete(Caller caller, string? token, SecondFactorKind factor, string? organizationId,
        Func<IStoreWriter, SignIn, Person, ConnectException?> check)
    {
        // A refusal still commits: the failure counted, or a reset's new password applied and its e-mail queued.
        return work.Write(change =>
        {
            var w = change.Store;
            var signIn = flow.Load(w, token, SignInStep.PasswordVerified);
            // A reset has proved the mailbox with the e-mailed code: the lock must not shut the owner out of the
            // way back in. The factor's own limits (5 tries per code and per sign-in, 5 codes an hour) still hold.
            var reset = signIn.Purpose == SignInPurpose.PasswordReset;
            if (!reset) locks.ThrowIfLocked(w, signIn.Email);
            var person = SignInFlow.PersonOf(w, signIn);
            var organizations = ActiveMemberships.Of(w, person.Id);
            if (!string.IsNullOrEmpty(organizationId) && organizations.All(o => o.Organization.Id != organizationId)) throw SignInFlow.OrganizationNotFound();
            // After a reset only the SMS code to the new number counts: nothing else may stand in for the lost phone.
            if (person.PhoneNumberRequired && factor != SecondFactorKind.Sms)
                throw new ConnectException(ErrorReason.SecondFactorUnavailable, "A new mobile number must be verified with its SMS code first.");

            // After support's reset the new number's SMS code comes first; a policy then asks for a passkey in the session.
            var demand = PasskeyPolicies.Demand(w, person, organizations);
            if (!person.PhoneNumberRequired && (demand == PasskeyDemand.Refuse || demand == PasskeyDemand.PasskeyOnly && factor != SecondFactorKind.Passkey))
                throw PasskeyPolicies.Required("The organisation requires a passkey: this factor is not accepted.");

            var wrong = check(w, signIn, person);
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
                change.Audit(actor, AuditActions.PersonRecoveryCodeUsed, null, "person", person.Id, new() { ["left"] = SignInFlow.Count(person.RecoveryCodeHashes.Count) });
            if (demand == PasskeyDemand.EnrolOnce)
            {
                // The one sign-in the policy allows without a passkey: its session may only add one.
                person.PasskeyGraceUsedAt = time.UtcNow();
                signIn.PasskeyEnrollmentRequired = true;
            }
            w.Update(person);
            signIn.Step = SignInStep.SecondFactorVerified;

            // Suspended since the password step: the second factor still counts (a reset's new password holds), but no session.
            if (organizations.Count == 0 && ActiveMemberships.OnlySuspended(w, person.Id))
            {
                signIn.Step = SignInStep.Completed;
                w.Update(signIn);
                return change.Refuse<SignInOutcome>(SignInFlow.Suspended());
            }
            var chosen = !string.IsNullOrEmpty(organizationId) ? organizationId
                : organizations.Count == 1 ? organizations[0].Organization.Id
                : null;
            var session = chosen is null ? ((string, Session)?)null : flow.IssueSession(change, actor, signIn, chosen, FactorName(factor));
            if (chosen is null) w.Update(signIn);
            return new SignInOutcome(session, organizations, person.RecoveryCodeHashes.Count);
        });
    }

    private ConnectException? CheckFactor(IStoreWriter w, SignIn signIn, Person person, SecondFactorKind factor, string? code)
    {
        switch (factor)
        {
            case SecondFactorKind.Sms:
                var refused = challenges.Verify(w, ChallengePurpose.SignInSms, signIn.Id, code);
                // A wrong SMS code counts against the sign-in too: a new code must not buy five more tries.
                return refused?.Reason is ErrorReason.CodeInvalid or ErrorReason.TooManyAttempts ? SignInFlow.WrongCode(w, signIn, FactorField(factor)) : refused;
            case SecondFactorKind.Authenticator when person.AuthenticatorSecret is null:
                throw new ConnectException(ErrorReason.SecondFactorUnavailable, "No authenticator app is enrolled.");
            case SecondFactorKind.RecoveryCode when person.RecoveryCodeHashes.Count == 0:
                throw new ConnectException(ErrorReason.SecondFactorUnavailable, "The person has no recovery codes left.");
            default:
                var right = factor == SecondFactorKind.Authenticator
                    ? secondFactors.UseAuthenticatorCode(person, code)
                    : secondFactors.UseRecoveryCode(person, code);
                return right ? null : SignInFlow.WrongCode(w, signIn, FactorField(factor));
        }
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
        change.Audit(actor, AuditActions.PersonPasswordReset, null, "person", person.Id, new() { ["ended_sessions"] = SignInFlow.Count(ended) });
        change.Send(new AccountChangedEmail(person.Email, person.Language, AccountChange.PasswordChanged, person.PasswordChangedAt!.Value));
    }

    public static string FactorName(SecondFactorKind factor) => factor switch
    {
        SecondFactorKind.Sms => "sms",
        SecondFactorKind.Authenticator => "authenticator",
        SecondFactorKind.Passkey => "passkey",
        _ => "recovery_code",
    };

    private static string FactorField(SecondFactorKind factor) => factor switch
    {
        SecondFactorKind.Sms => "sms_code",
        SecondFactorKind.Authenticator => "authenticator_code",
        SecondFactorKind.Passkey => PasskeyField,
        _ => "recovery_code",
    };
}
