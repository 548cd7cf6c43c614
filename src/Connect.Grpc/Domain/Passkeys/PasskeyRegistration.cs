using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// A person adds a passkey: the password proves it is them, Connect hands out creation options with a single-use
/// challenge, and the browser's answer, once verified (outside the write: no await inside one), becomes a
/// <see cref="Passkey"/> if the challenge is still the one it answered.
/// </summary>
internal sealed class PasskeyRegistration(IStore store, UnitOfWork work, TimeProvider time, AccountFlow flow, PasskeyCeremonies ceremonies,
    Sessions sessions)
{
    public async Task<(string OptionsJson, DateTime ExpiresAt)> Start(Caller caller, SessionInfo session, string? password, CancellationToken cancellationToken)
    {
        await flow.Reauthenticate(caller, session, "password", password, cancellationToken);
        return work.Write(change =>
        {
            var person = AccountFlow.PersonOf(change.Store, session);
            var existing = change.Store.PasskeysOfPerson(person.Id);
            if (existing.Count >= PasskeyCeremonies.MaxPerPerson)
                throw new ConnectException(ErrorReason.PasskeyLimitReached, $"A person has at most {PasskeyCeremonies.MaxPerPerson} passkeys; remove one first.");
            person.PendingPasskeyOptions = ceremonies.RegistrationOptions(person, existing);
            person.PendingPasskeyExpiresAt = ceremonies.ExpiryFromNow();
            person.UpdatedAt = time.UtcNow();
            change.Store.Update(person);
            return (person.PendingPasskeyOptions, person.PendingPasskeyExpiresAt.Value);
        });
    }

    public async Task<Passkey> Finish(Caller caller, SessionInfo session, string? name, string? credentialJson, CancellationToken cancellationToken)
    {
        var passkeyName = Validate.Name("name", name, Validate.MaxNameLength);
        var answer = PasskeyCeremonies.ParseRegistration("credential_json", credentialJson);
        var options = store.Read(r => WaitingOptions(AccountFlow.PersonOf(r, session)));
        var credential = await ceremonies.VerifyRegistrationAsync(options, answer, cancellationToken);
        return work.Write(change =>
        {
            var w = change.Store;
            var person = AccountFlow.PersonOf(w, session);
            // The challenge serves one answer, right or wrong; another call may have used or replaced it meanwhile.
            if (WaitingOptions(person) != options) throw ChallengeInvalid();
            person.PendingPasskeyOptions = null;
            person.PendingPasskeyExpiresAt = null;
            person.UpdatedAt = time.UtcNow();
            w.Update(person);
            if (credential is null)
                return change.Refuse<Passkey>(new ConnectException(ErrorReason.PasskeyInvalid, "The authenticator's answer does not verify; start again."));
            var credentialId = PasskeyCeremonies.CredentialId(credential.Id);
            if (w.PasskeyByCredentialId(credentialId) is not null)
                return change.Refuse<Passkey>(new ConnectException(ErrorReason.PasskeyAlreadyRegistered, "This passkey is registered already."));
            if (w.PasskeysOfPerson(person.Id).Count >= PasskeyCeremonies.MaxPerPerson)
                return change.Refuse<Passkey>(new ConnectException(ErrorReason.PasskeyLimitReached, "The person has as many passkeys as allowed."));
            var passkey = new Passkey
            {
                PersonId = person.Id,
                CredentialId = credentialId,
                PublicKey = credential.PublicKey,
                SignCount = credential.SignCount,
                Name = passkeyName,
                AaGuid = credential.AaGuid,
                Transports = [.. (credential.Transports ?? []).Select(t => t.ToString())],
                BackedUp = credential.IsBackedUp,
                CreatedAt = person.UpdatedAt,
            };
            w.Insert(passkey);
            // The sessions a passkey policy limited to this are whole again.
            foreach (var limited in sessions.Active(w, person.Id).Where(s => s.PasskeyEnrollmentRequired))
            {
                limited.PasskeyEnrollmentRequired = false;
                w.Update(limited);
            }
            change.Audit(caller, AuditActions.PersonPasskeyAdded, session.OrganizationId, "person", person.Id,
                new() { ["passkey_id"] = passkey.Id, ["name"] = passkey.Name, ["authenticator"] = passkey.AaGuid.ToString() });
            change.Send(new AccountChangedEmail(person.Email, person.Language, AccountChange.PasskeyAdded, passkey.CreatedAt));
            return passkey;
        });
    }

    private string WaitingOptions(Person person) =>
        person.PendingPasskeyOptions is { } options && person.PendingPasskeyExpiresAt > time.UtcNow() ? options : throw ChallengeInvalid();

    public static ConnectException ChallengeInvalid() =>
        new(ErrorReason.PasskeyChallengeInvalid, "No passkey challenge is waiting (never asked for, expired or already answered); ask for new options.");
}
