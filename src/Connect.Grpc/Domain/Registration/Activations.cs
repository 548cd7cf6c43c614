using Connect.Grpc.Security;
using Connect.V1;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Domain;

/// <summary>What an activation code says before it is used.</summary>
internal sealed record ActivationInfo(Person Person, IReadOnlyList<string> OrganizationNames);

/// <summary>
/// Activation of a person an administrator authorised: an e-mail with a link and a 60-bit code (the access
/// code alphabet), valid 14 days, of which only a keyed hash is kept; a new one kills the previous one. The
/// person chooses a password with it; their pending memberships become active.
/// </summary>
internal sealed class Activations(
    IStore store,
    UnitOfWork work,
    TimeProvider time,
    Secrets secrets,
    IOptions<LinkOptions> links,
    AddressThrottle throttle,
    PasswordHasher passwordHasher,
    PasswordPolicy passwordPolicy,
    IOptions<SecurityOptions> security)
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(14);
    public TimeSpan ResendInterval => security.Value.CodeResendInterval;
    private const string HashPurpose = "activation-code";
    private const string Door = "access-code";

    /// <summary>An administrator's resend waits 60 seconds after the previous e-mail, so that a person's mailbox is not flooded.</summary>
    public void EnsureResendAllowed(Person person) => EnsureResendAllowed(person.ActivationSentAt, time.UtcNow());

    /// <summary>Refuses a new e-mail within 60 seconds of <paramref name="lastSent"/>.</summary>
    public void EnsureResendAllowed(DateTime? lastSent, DateTime now)
    {
        if (lastSent is { } sent && now - sent < ResendInterval)
        {
            throw new ConnectException(ErrorReason.ResendTooSoon, $"A new activation e-mail can be sent {ResendInterval.TotalSeconds:0} seconds after the previous one.")
            {
                RetryAfter = sent + ResendInterval - now,
            };
        }
    }

    /// <summary>Issues a new activation code to the person (the previous one dies) and e-mails it, inside the caller's write.</summary>
    public DateTime Issue(Change change, Person person, string organizationName)
    {
        var now = time.UtcNow();
        var code = AccessCodes.New();
        person.ActivationCodeHash = secrets.KeyedHash(HashPurpose, code);
        person.ActivationSentAt = now;
        person.ActivationExpiresAt = now + Validity;
        change.Store.Update(person);
        var formatted = AccessCodes.Format(code);
        change.Send(new ActivationEmail(person.Email, person.Language, person.GivenName, organizationName, formatted,
            links.Value.ActivationUri(formatted), person.ActivationExpiresAt.Value));
        return person.ActivationExpiresAt.Value;
    }

    public ActivationInfo Get(Caller caller, string? activationCode)
    {
        throttle.Take(Door, caller);
        return store.Read(r =>
        {
            var person = Find(r, activationCode);
            var names = r.MembershipsOfPerson(person.Id)
                .Where(m => m.State == MembershipState.PendingActivation)
                .Select(m => r.Get<Organization>(m.OrganizationId)?.DisplayName)
                .OfType<string>()
                .Order(StringComparer.CurrentCultureIgnoreCase)
                .ToList();
            return new ActivationInfo(person, names);
        });
    }

    /// <summary>Sets the password and activates the person's pending memberships; returns the e-mail address to sign in with.</summary>
    public async Task<string> Activate(Caller caller, string? activationCode, string? password, CancellationToken cancellationToken)
    {
        passwordPolicy.Check("password", password);
        throttle.Take(Door, caller);
        var person = store.Read(r => Find(r, activationCode));
        var hash = await passwordHasher.HashAsync(password!, cancellationToken);
        return work.Write(change =>
        {
            var w = change.Store;
            var current = Find(w, activationCode);
            if (current.Id != person.Id) throw Invalid();
            var now = time.UtcNow();
            current.PasswordHash = hash;
            current.PasswordChangedAt = now;
            current.ActivationCodeHash = null;
            current.ActivationExpiresAt = null;
            current.UpdatedAt = now;
            w.Update(current);
            var actor = caller with { PersonId = current.Id };
            foreach (var membership in w.MembershipsOfPerson(current.Id).Where(m => m.State == MembershipState.PendingActivation))
            {
                membership.Activate();
                MemberChanges.Save(w, membership, current, now);
                change.Audit(actor, AuditActions.MembershipActivated, membership.OrganizationId, "membership", membership.Id, new() { ["person_id"] = current.Id });
            }
            change.Audit(actor, AuditActions.PersonActivated, null, "person", current.Id);
            return current.Email;
        });
    }

    private Person Find(IStoreReader reader, string? activationCode)
    {
        var code = AccessCodes.Normalize(activationCode);
        if (code is null) throw Invalid();
        // Under each configured server key in turn: a code issued before a rotation still works.
        var person = secrets.KeyedHashes(HashPurpose, code).Select(reader.PersonByActivationCodeHash).FirstOrDefault(found => found is not null)
            ?? throw Invalid();
        if (time.UtcNow() >= person.ActivationExpiresAt)
            throw new ConnectException(ErrorReason.ActivationCodeExpired, "The activation code has expired; ask your administrator for a new one.");
        return person;
    }

    private static ConnectException Invalid() =>
        new(ErrorReason.ActivationCodeInvalid, "The activation code is not valid.");
}
