using Connect.Grpc.Security;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// 10 failed sign-ins (wrong passwords or second-factor codes) lock an e-mail address for 15 minutes, even
/// against the right password. Unknown addresses are counted and locked the same way, so the lock tells
/// nothing about whether an account exists. A completed sign-in, a reset password or an operator clears it.
/// </summary>
internal sealed class SignInLocks(Secrets secrets, TimeProvider time)
{
    public const int MaxFailures = 10;
    private const string LockPurpose = "sign-in-lock";
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    /// <summary>Throws RESOURCE_EXHAUSTED <c>SIGN_IN_LOCKED</c> while <paramref name="email"/> is locked.</summary>
    public void ThrowIfLocked(IStoreReader reader, string email)
    {
        var now = time.UtcNow();
        if (Find(reader, email) is { LockedUntil: { } until } && now < until) throw Locked(until - now);
    }

    /// <summary>Counts a failure; returns the lock error when this failure locked the address, else null.</summary>
    public ConnectException? RecordFailure(IStoreWriter transaction, string email)
    {
        var now = time.UtcNow();
        var entry = Find(transaction, email);
        if (entry is null)
        {
            entry = new SignInLock { Id = KeyOf(email) };
            transaction.Insert(entry);
        }
        if (entry.LockedUntil is { } ended && now >= ended)
        {
            entry.Failures = 0;
            entry.LockedUntil = null;
        }
        entry.Failures++;
        entry.LastFailureAt = now;
        if (entry.Failures >= MaxFailures) entry.LockedUntil = now + Duration;
        transaction.Update(entry);
        return entry.LockedUntil is { } until ? Locked(until - now) : null;
    }

    /// <summary>Forgets the failures of <paramref name="email"/>.</summary>
    public void Clear(IStoreWriter transaction, string email)
    {
        var entry = Find(transaction, email);
        if (entry is null || (entry.Failures == 0 && entry.LockedUntil is null)) return;
        entry.Failures = 0;
        entry.LockedUntil = null;
        transaction.Update(entry);
    }

    /// <summary>The address's failures and, while locked, when the lock ends.</summary>
    public (int Failures, DateTime? LockedUntil) State(IStoreReader reader, string email)
    {
        var entry = Find(reader, email);
        if (entry is null) return (0, null);
        var now = time.UtcNow();
        return entry.LockedUntil is { } until && now >= until ? (0, null) : (entry.Failures, entry.LockedUntil);
    }

    /// <summary>
    /// The address's lock key, a keyed hash: also the audit target of an address that belongs to nobody, so that its
    /// events and its lock can be matched without the address itself in the audit log.
    /// </summary>
    public string KeyOf(string email) => secrets.KeyedHash(LockPurpose, email);

    // Under each configured server key in turn, so that a rotation does not hand a locked address a fresh count.
    private SignInLock? Find(IStoreReader reader, string email) =>
        secrets.KeyedHashes(LockPurpose, email).Select(reader.Get<SignInLock>).FirstOrDefault(found => found is not null);

    private static ConnectException Locked(TimeSpan retryAfter) =>
        new(ErrorReason.SignInLocked, "Too many failed sign-ins: this address is locked for a while.") { RetryAfter = retryAfter };
}
