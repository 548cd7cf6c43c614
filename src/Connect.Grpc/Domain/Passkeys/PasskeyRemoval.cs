using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>A person lists their passkeys and removes one, proving the password (<see cref="AccountFlow"/>).</summary>
internal sealed class PasskeyRemoval(IStore store, UnitOfWork work, TimeProvider time, AccountFlow flow)
{
    public IReadOnlyList<Passkey> List(SessionInfo session) => store.Read(r => r.PasskeysOfPerson(AccountFlow.PersonOf(r, session).Id));

    public async Task Remove(Caller caller, SessionInfo session, string? passkeyId, string? password, CancellationToken cancellationToken)
    {
        var id = Validate.Token("passkey_id", passkeyId, ErrorReason.PasskeyNotFound);
        // An id that is not theirs answers before the password is checked, as one that does not exist.
        if (store.Read(r => OwnPasskey(r, session, id)) is null) throw NotFound();
        await flow.Reauthenticate(caller, session, "password", password, cancellationToken);
        work.Write(change =>
        {
            var passkey = OwnPasskey(change.Store, session, id) ?? throw NotFound();
            change.Store.Delete<Passkey>(passkey.Id);
            var person = AccountFlow.PersonOf(change.Store, session);
            flow.Save(change, caller, session, person, AuditActions.PersonPasskeyRemoved, new() { ["passkey_id"] = passkey.Id, ["name"] = passkey.Name });
            change.Send(new AccountChangedEmail(person.Email, person.Language, AccountChange.PasskeyRemoved, time.UtcNow()));
        });
    }

    private static Passkey? OwnPasskey(IStoreReader reader, SessionInfo session, string id) =>
        reader.Get<Passkey>(id) is { } passkey && passkey.PersonId == session.PersonId ? passkey : null;

    private static ConnectException NotFound() => new(ErrorReason.PasskeyNotFound, "No passkey of this id among the person's.");
}
