using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>The fund operators' view of the sign-in lock: whether a person's address is locked, and lifting it.</summary>
internal sealed class SignInLockSupport(IStore store, Audit audit, SignInLocks locks)
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
        store.Write(w =>
        {
            var person = FindPerson(w, address);
            var (failures, until) = locks.State(w, address);
            locks.Clear(w, address);
            audit.Record(w, operatorCaller, "person.sign_in_lock_lifted", null, "person", person.Id, new()
            {
                ["reason"] = why,
                ["failures"] = failures.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["was_locked"] = until is null ? "false" : "true",
            });
            return 0;
        });
    }

    private static Person FindPerson(IStoreReader reader, string address) =>
        reader.FindOne<Person>(p => p.Email == address)
        ?? throw new ConnectException(ErrorReason.PersonNotFound, "No person has this e-mail address.");
}
