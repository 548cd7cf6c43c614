using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// Step 3 of <see cref="SignInFlow"/>: the second factor (an SMS code, an authenticator code or a recovery code). It
/// applies what a reset has waiting (a new number, a new password) and gives a session when there is one organisation.
/// </summary>
internal sealed class SignInSecondFactorStep(
    UnitOfWork work,
    TimeProvider time,
    SignInFlow flow,
    Sessions sessions,
    SignInLocks locks,
    AddressThrottle throttle,
    CodeChallenges challenges,
    SecondFactors secondFactors,
    IFlowMetrics metrics)
{
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
            flow.Count(refused, "second_factor");
            throw;
        }
    }

    private SignInOutcome CheckSecondFactor(Caller caller, string? token, SecondFactorKind factor, string? code, string? organizationId)
    {
        throttle.Take(SignInFlow.Door, caller);
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
                change.Audit(actor, AuditActions.PersonRecoveryCodeUsed, null, "person", person.Id, new() { ["left"] = SignInFlow.Count(person.RecoveryCodeHashes.Count) });
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
}
