using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// A sign-in with a passkey alone (a discoverable credential with user verification: something the person has, and
/// their PIN or biometrics), which stands for both factors. It starts a sign-in without a person, whose request options
/// list no credentials; the answer names its credential, and so the person. An unknown credential, an answer that does
/// not verify and a person without an active membership answer alike (<c>SIGN_IN_FAILED</c>); a refused answer of a
/// known credential counts towards its person's lock. The sign-in is over after one answer, right or wrong.
/// </summary>
internal sealed class SignInPasskeyStep(
    IStore store,
    UnitOfWork work,
    TimeProvider time,
    SignInFlow flow,
    SignInLocks locks,
    AddressThrottle throttle,
    PasskeyCeremonies ceremonies,
    IFlowMetrics metrics)
{
    private const string Field = "credential_json";

    public (string Token, string OptionsJson, DateTime ExpiresAt) Start(Caller caller)
    {
        throttle.Take(SignInFlow.Door, caller);
        return work.Write(change =>
        {
            var (token, signIn) = flow.Begin(SignInPurpose.Passkey, SignInStep.PasskeyRequested, person: null, email: "", PasskeyCeremonies.ChallengeLifetime);
            signIn.PasskeyOptions = ceremonies.AssertionOptions([], passwordless: true);
            signIn.PasskeyExpiresAt = signIn.ExpiresAt;
            change.Store.Insert(signIn);
            return (token, signIn.PasskeyOptions, signIn.ExpiresAt);
        });
    }

    public async Task<SignInOutcome> Finish(Caller caller, string? token, string? credentialJson, string? organizationId, CancellationToken cancellationToken)
    {
        try
        {
            throttle.Take(SignInFlow.Door, caller);
            var answer = PasskeyCeremonies.ParseAssertion(Field, credentialJson);
            var (options, passkey) = store.Read(r =>
            {
                var signIn = flow.Load(r, token, SignInStep.PasskeyRequested);
                if (signIn.PasskeyOptions is not { } waiting) throw PasskeyRegistration.ChallengeInvalid();
                return (waiting, r.PasskeyByCredentialId(PasskeyCeremonies.CredentialId(answer.RawId)));
            });
            var verified = passkey is null ? null : await ceremonies.VerifyAssertionAsync(options, answer, passkey, cancellationToken);
            var outcome = work.Write(change => Complete(change, caller, token, options, passkey, verified, organizationId));
            metrics.SignIn("succeeded", "passkey");
            return outcome;
        }
        catch (ConnectException refused)
        {
            flow.Count(refused, "passkey");
            throw;
        }
    }

    private SignInOutcome Complete(Change change, Caller caller, string? token, string options, Passkey? passkey,
        Fido2NetLib.Objects.VerifyAssertionResult? verified, string? organizationId)
    {
        var w = change.Store;
        var signIn = flow.Load(w, token, SignInStep.PasskeyRequested);
        // The challenge serves one answer: whatever follows, this sign-in is over unless it issues a session or a choice.
        if (signIn.PasskeyOptions != options) throw PasskeyRegistration.ChallengeInvalid();
        signIn.PasskeyOptions = null;
        signIn.PasskeyExpiresAt = null;
        signIn.Step = SignInStep.Completed;
        w.Update(signIn);
        var person = passkey is null ? null : w.Get<Person>(passkey.PersonId);
        if (person is not null && Locked(w, person.Email) is { } locked) return change.Refuse<SignInOutcome>(locked);
        if (person is null || verified is null || !ceremonies.RecordUse(w, passkey!, verified))
        {
            if (person is null) return change.Refuse<SignInOutcome>(Failed());
            var lockedNow = locks.RecordFailure(w, person.Email);
            change.Audit(caller, AuditActions.PersonSignInFailed, null, "person", person.Id, new() { ["step"] = "passkey", ["passkey_id"] = passkey!.Id });
            return change.Refuse<SignInOutcome>(lockedNow ?? Failed());
        }

        var organizations = ActiveMemberships.Of(w, person.Id);
        if (organizations.Count == 0)
        {
            if (ActiveMemberships.OnlySuspended(w, person.Id)) return change.Refuse<SignInOutcome>(SignInFlow.Suspended());
            return change.Refuse<SignInOutcome>(Failed());
        }
        if (!string.IsNullOrEmpty(organizationId) && organizations.All(o => o.Organization.Id != organizationId))
            return change.Refuse<SignInOutcome>(SignInFlow.OrganizationNotFound());
        var actor = caller with { PersonId = person.Id };
        locks.Clear(w, person.Email);
        signIn.PersonId = person.Id;
        signIn.Email = person.Email;
        signIn.CredentialVersion = person.CredentialVersion;
        signIn.Step = SignInStep.SecondFactorVerified;
        // The organisation choice gets the sign-in's usual time, as after a second factor.
        signIn.ExpiresAt = time.UtcNow() + SignInFlow.Lifetime;
        var chosen = !string.IsNullOrEmpty(organizationId) ? organizationId
            : organizations.Count == 1 ? organizations[0].Organization.Id
            : null;
        var session = chosen is null ? ((string, Session)?)null : flow.IssueSession(change, actor, signIn, chosen, "passkey");
        if (chosen is null) w.Update(signIn);
        return new SignInOutcome(session, organizations, person.RecoveryCodeHashes.Count);
    }

    /// <summary>The lock's refusal as a value: thrown inside the write, it would undo the challenge's use.</summary>
    private ConnectException? Locked(IStoreReader reader, string email)
    {
        try
        {
            locks.ThrowIfLocked(reader, email);
            return null;
        }
        catch (ConnectException locked)
        {
            return locked;
        }
    }

    private static ConnectException Failed() => new(ErrorReason.SignInFailed, "The sign-in failed.");
}
