namespace Connect.Grpc.Domain;

/// <summary>
/// Failed sign-ins of one e-mail address, known or not, so that both look alike. The id is a keyed hash of the
/// address; the address itself is not kept here.
/// </summary>
public sealed class SignInLock : Entity
{
    public int Failures { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime LastFailureAt { get; set; }
}
