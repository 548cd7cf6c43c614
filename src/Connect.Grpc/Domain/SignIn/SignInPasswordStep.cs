using Connect.Grpc.Security;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// Step 1 of <see cref="SignInFlow"/>: the e-mail address and the password. An unknown address, a wrong password and
/// an account without an active membership answer alike and do the same work (decision 0019).
/// </summary>
internal sealed class SignInPasswordStep(
    IStore store,
    UnitOfWork work,
    SignInFlow flow,
    SignInLocks locks,
    AddressThrottle throttle,
    PasswordHasher passwordHasher)
{
    public async Task<SignInChallengeInfo> Start(Caller caller, string? email, string? password, CancellationToken cancellationToken)
    {
        try
        {
            return await CheckPassword(caller, email, password, cancellationToken);
        }
        catch (ConnectException refused)
        {
            flow.Count(refused, "password");
            throw;
        }
    }

    private async Task<SignInChallengeInfo> CheckPassword(Caller caller, string? email, string? password, CancellationToken cancellationToken)
    {
        var address = Validate.Email("email", email);
        password = PasswordPolicy.Typed("password", password);
        throttle.Take(SignInFlow.Door, caller);

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
            var organizations = current is not null && passwordRight ? ActiveMemberships.ActiveOrganizations(w, current.Id) : [];
            // Only once the password is proved right may the answer tell that the person's organisations are suspended.
            if (current is not null && ActiveMemberships.OnlySuspended(organizations))
            {
                change.Audit(caller with { PersonId = current.Id }, AuditActions.PersonSignInRefused, null, "person", current.Id,
                    new() { ["reason"] = "organization_suspended" });
                return change.Refuse<SignInChallengeInfo>(SignInFlow.Suspended());
            }
            if (current is null || !ActiveMemberships.AnyUsable(organizations))
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
            // A passkey policy covers them, they have none, and their one sign-in without it is used: only support helps.
            var demand = PasskeyPolicies.Demand(w, current);
            if (!current.PhoneNumberRequired && demand == PasskeyDemand.Refuse)
            {
                change.Audit(caller with { PersonId = current.Id }, AuditActions.PersonSignInRefused, null, "person", current.Id,
                    new() { ["reason"] = "passkey_required" });
                return change.Refuse<SignInChallengeInfo>(PasskeyPolicies.Required(
                    "The organisation requires a passkey and the person has none; the fund's support can reset the second factor."));
            }
            var (token, signIn) = flow.Begin(SignInPurpose.SignIn, SignInStep.PasswordVerified, current, address, SignInFlow.Lifetime);
            w.Insert(signIn);
            change.Audit(caller with { PersonId = current.Id }, AuditActions.PersonPasswordVerified, null, "person", current.Id, new() { ["sign_in_id"] = signIn.Id });
            return SignInFlow.Challenge(w, token, signIn, current, demand);
        });
    }

    private static ConnectException Failed() =>
        new(ErrorReason.SignInFailed, "The e-mail address or the password is wrong.");
}
