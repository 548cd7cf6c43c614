using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>The fund operators' view of the sign-in lock: whether a person's address is locked, and lifting it.</summary>
internal sealed class SignInLockSupport(IStore store, UnitOfWork work, SignInLocks locks)
{
    public (Person Person, int Failures, DateTime? LockedUntil) Get(OperatorPrincipal @operator, string? email)
    {
        var address = Validate.Email("email", email);
        return store.Read(r =>
        {
            var person = FindPerson(r, address);
            var (failures, until) = locks.State(r, address);
            return (person, failures, until);
        });
    }

    public void Lift(OperatorPrincipal operatorCaller, string? email, string? reason)
    {
        var address = Validate.Email("email", email);
        var why = Validate.Name("reason", reason, Validate.MaxReasonLength);
        work.Write(change =>
        {
            var w = change.Store;
            var person = FindPerson(w, address);
            var (failures, until) = locks.State(w, address);
            locks.Clear(w, address);
            change.Audit(operatorCaller, AuditActions.PersonSignInLockLifted, null, "person", person.Id, new()
            {
                ["reason"] = why,
                ["failures"] = failures.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["was_locked"] = until is null ? "false" : "true",
            });
        });
    }

    private static Person FindPerson(IStoreReader reader, string address) =>
        reader.PersonByEmail(address)
        ?? throw new ConnectException(ErrorReason.PersonNotFound, "No person has this e-mail address.");
}
