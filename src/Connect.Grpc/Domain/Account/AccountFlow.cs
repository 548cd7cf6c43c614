using Connect.Grpc.Security;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// A person's own account, one class per change: <see cref="ProfileChange"/>, <see cref="PasswordChange"/>,
/// <see cref="PhoneChange"/>, <see cref="AuthenticatorEnrollment"/>, <see cref="AuthenticatorRemoval"/> and
/// <see cref="RecoveryCodeCreation"/>. Calls that weaken the account ask for the password again; a wrong one counts
/// towards the sign-in lock. This class reads the account and holds what the changes share.
/// </summary>
internal sealed class AccountFlow(
    IStore store,
    UnitOfWork work,
    TimeProvider time,
    SignInLocks locks,
    PasswordHasher passwordHasher)
{
    public Person Get(SessionInfo session) => store.Read(r => PersonOf(r, session));

    /// <summary>Checks the person's password again; a wrong one counts towards the lock and answers <c>PASSWORD_INCORRECT</c>.</summary>
    public async Task Reauthenticate(Caller caller, SessionInfo session, string field, string? password, CancellationToken cancellationToken)
    {
        password = PasswordPolicy.Typed(field, password, ErrorReason.PasswordIncorrect);
        var person = store.Read(r =>
        {
            var person = PersonOf(r, session);
            locks.ThrowIfLocked(r, person.Email);
            return person;
        });
        if (await passwordHasher.VerifyAsync(person.PasswordHash, password, cancellationToken)) return;
        work.Write(change =>
        {
            change.Audit(caller, AuditActions.PersonPasswordCheckFailed, session.OrganizationId, "person", person.Id);
            var locked = locks.RecordFailure(change.Store, person.Email);
            change.Refuse(locked ?? ConnectException.Field(field, "is not this account's password", ErrorReason.PasswordIncorrect));
        });
    }

    public Person ChangePerson(Caller caller, SessionInfo session, string action, Func<Change, Person, Dictionary<string, string>> changePerson) =>
        work.Write(change =>
        {
            var person = PersonOf(change.Store, session);
            Save(change, caller, session, person, action, changePerson(change, person));
            return person;
        });

    public void Save(Change change, Caller caller, SessionInfo session, Person person, string action, Dictionary<string, string> details)
    {
        person.UpdatedAt = time.UtcNow();
        change.Store.Update(person);
        change.Audit(caller, action, session.OrganizationId, "person", person.Id, details);
    }

    public static Person PersonOf(IStoreReader reader, SessionInfo session) =>
        reader.Get<Person>(session.PersonId) ?? throw new ConnectException(ErrorReason.SessionInvalid, "The session's person no longer exists.");

    public static ConnectException WrongCode(string field) =>
        new(ErrorReason.CodeInvalid, "The code is wrong or was already used.") { Violations = [new FieldViolation(field, "is wrong or was already used")] };
}
