using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>One of a person's memberships as support sees it: the organisation (null if it vanished) and the topics still in use.</summary>
internal sealed record PersonMembershipView(Membership Membership, Organization? Organization, IReadOnlyList<string> TopicIds);

/// <summary>A sign-in or failed sign-in, from the audit log; the user agent comes from the session it issued.</summary>
internal sealed record SignInRecordView(AuditEvent Event, bool Succeeded, string Detail, string? UserAgent);

/// <summary>Everything support looks at when a person calls.</summary>
internal sealed record PersonDetail(Person Person, IReadOnlyList<PersonMembershipView> Memberships, int FailedSignIns, DateTime? LockedUntil,
    IReadOnlyList<SignInRecordView> RecentSignIns);

/// <summary>
/// The fund operators' view of one person (memberships everywhere, sign-in lock, second factors, recent sign-ins) and
/// the activation e-mail sent again on their behalf. Every read is an indexed lookup of this one person.
/// </summary>
internal sealed class PersonSupport(IStore store, UnitOfWork work, TimeProvider time, SignInLocks locks, Activations activations)
{
    public const int RecentSignIns = 20;

    public PersonDetail Get(OperatorPrincipal @operator, string? personId)
    {
        var id = Validate.Token("id", personId, ErrorReason.PersonNotFound);
        return store.Read(r =>
        {
            var person = Load(r, id);
            var topics = new Dictionary<string, bool>();
            bool InUse(string topicId) => topics.TryGetValue(topicId, out var inUse) ? inUse : topics[topicId] = r.Get<Topic>(topicId) is { RetiredAt: null };
            var memberships = r.MembershipsOfPerson(person.Id)
                .Select(m => new PersonMembershipView(m, r.Get<Organization>(m.OrganizationId), m.TopicIds.Where(InUse).ToList()))
                .OrderBy(m => m.Organization?.DisplayName ?? "", StringComparer.CurrentCultureIgnoreCase)
                .ToList();
            var (failures, lockedUntil) = locks.State(r, person.Email);
            var signIns = r.RecentSignIns(person.Id, RecentSignIns)
                .Select(e => e.Action == "session.created"
                    ? new SignInRecordView(e, true, e.Details.GetValueOrDefault("factor") ?? e.Details.GetValueOrDefault("via") ?? "",
                        e.TargetId is null ? null : r.Get<Session>(e.TargetId)?.UserAgent)
                    : new SignInRecordView(e, false, e.Details.GetValueOrDefault("step") ?? "", null))
                .ToList();
            return new PersonDetail(person, memberships, failures, lockedUntil, signIns);
        });
    }

    /// <summary>
    /// A new activation code and e-mail for a person who has not chosen a password yet, exactly as an administrator's
    /// resend makes them (the previous link dies); for the organisation of the newest membership waiting for it.
    /// </summary>
    public DateTime ResendActivation(OperatorPrincipal operatorCaller, string? personId, string? reason)
    {
        var why = Validate.Name("reason", reason, Validate.MaxReasonLength);
        var id = Validate.Token("person_id", personId, ErrorReason.PersonNotFound);
        return work.Write(change =>
        {
            var w = change.Store;
            var person = Load(w, id);
            var waiting = person.HasPassword() ? null
                : w.MembershipsOfPerson(person.Id).Where(m => m.State == MembershipState.PendingActivation).MaxBy(m => m.CreatedAt);
            if (waiting is null)
                throw new ConnectException(ErrorReason.ActivationNotPending, "The person has chosen a password already, or no membership waits for activation.");
            activations.EnsureResendAllowed(person);
            var organization = w.Get<Organization>(waiting.OrganizationId)
                ?? throw new ConnectException(ErrorReason.ActivationNotPending, "The membership waiting for activation has no organisation.");
            var expiresAt = activations.Issue(change, person, organization.DisplayName);
            person.UpdatedAt = time.UtcNow();
            w.Update(person);
            change.Audit(operatorCaller, AuditActions.PersonActivationResent, null, "person", person.Id,
                new() { ["reason"] = why, ["organization_id"] = organization.Id });
            return expiresAt;
        });
    }

    public static Person Load(IStoreReader reader, string id) =>
        reader.Get<Person>(id) ?? throw new ConnectException(ErrorReason.PersonNotFound, "The person does not exist.");
}
