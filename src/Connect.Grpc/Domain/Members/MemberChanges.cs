using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>The fields of a member an administrator can change with <see cref="MemberChanges.Update"/>.</summary>
[Flags]
internal enum MemberFields { None = 0, GivenName = 1, FamilyName = 2, Administrator = 4, TopicIds = 8, All = 15 }

/// <summary>
/// Changes to a member (the guide's "Editer"): names, administrator right, topics, mobile number, deactivation
/// and reactivation. Every change checks the etag where one is given, keeps the organisation's last active
/// administrator, and is audited with before → after in the same write.
/// </summary>
internal sealed class MemberChanges(
    UnitOfWork work,
    TimeProvider time,
    Sessions sessions,
    CodeChallenges challenges,
    MobileNumbers mobileNumbers)
{
    public MemberView Update(AdministratorPrincipal principal, string? memberId, string? etag, MemberFields fields,
        string? givenName, string? familyName, bool administrator, IEnumerable<string> topicIds)
    {
        var (caller, session) = principal;
        if (string.IsNullOrEmpty(etag)) throw ConnectException.Field("member.etag", "must be the etag of the member as read");
        var given = fields.HasFlag(MemberFields.GivenName) ? Validate.Name("member.given_name", givenName) : null;
        var family = fields.HasFlag(MemberFields.FamilyName) ? Validate.Name("member.family_name", familyName) : null;
        var topics = fields.HasFlag(MemberFields.TopicIds) ? ReadTopicIds(topicIds, "member.topic_ids") : null;
        return work.Write(change =>
        {
            var w = change.Store;
            var membership = MemberDirectory.Load(w, session, memberId);
            var person = PersonOf(w, membership);
            CheckEtag(membership, person, etag);
            var now = time.UtcNow();
            var shown = new MemberView(membership, person);
            var details = new Dictionary<string, string>();
            if (given is not null && given != shown.GivenName) details["given_name"] = $"{shown.GivenName} → {given}";
            if (family is not null && family != shown.FamilyName) details["family_name"] = $"{shown.FamilyName} → {family}";
            if (details.Count > 0)
            {
                // A waiting member's names are what was typed: they change here, and on the person only while it is this
                // organisation's draft. The same answer whether or not the address was known elsewhere.
                if (membership.Invitee is null) EnsureOnlyHere(w, membership);
                if (membership.Invitee is null || membership.Drafts(person))
                {
                    person.GivenName = given ?? person.GivenName;
                    person.FamilyName = family ?? person.FamilyName;
                    person.UpdatedAt = now;
                    w.Update(person);
                    membership = w.Get<Membership>(membership.Id)!;
                }
                if (membership.Invitee is { } invitee)
                {
                    invitee.GivenName = given ?? invitee.GivenName;
                    invitee.FamilyName = family ?? invitee.FamilyName;
                }
            }
            if (fields.HasFlag(MemberFields.Administrator) && administrator != membership.Administrator)
            {
                if (!administrator) EnsureNotLastAdministrator(w, membership);
                details["administrator"] = $"{Flag(membership.Administrator)} → {Flag(administrator)}";
                membership.Administrator = administrator;
            }
            if (topics is not null) topics = TopicCatalogue.WithRetiredKept(w, membership.TopicIds, topics);
            if (topics is not null && !topics.ToHashSet().SetEquals(membership.TopicIds))
            {
                CheckGrantable(w, OrganizationOf(w, session), topics, membership.TopicIds);
                details["topic_ids"] = $"{string.Join(",", membership.TopicIds)} → {string.Join(",", topics)}";
                membership.TopicIds = topics;
            }
            if (details.Count == 0) return new MemberView(membership, person);
            Save(w, membership, person, now);
            change.Audit(caller, AuditActions.MembershipUpdated, membership.OrganizationId, "membership", membership.Id, details);
            return new MemberView(membership, person);
        });
    }

    public (MemberView Member, DateTime NextResend) StartPhoneChange(AdministratorPrincipal principal, string? memberId, string? phoneNumber)
    {
        var (caller, session) = principal;
        var number = mobileNumbers.Parse("phone_number", phoneNumber);
        return work.Write(change =>
        {
            var w = change.Store;
            var membership = MemberDirectory.Load(w, session, memberId);
            if (membership.State == MembershipState.Deactivated)
                throw new ConnectException(ErrorReason.MemberStateInvalid, "A deactivated member's number cannot be changed.");
            var person = PersonOf(w, membership);
            if (number == new MemberView(membership, person).PhoneNumber)
                throw ConnectException.Field("phone_number", "is already the member's verified number");
            // A member still pending gets the new number for their first verification (it never replaces a number
            // the person already has); a waiting member the number shown; others a change of the person's number.
            if (membership.State != MembershipState.PendingPhone && membership.Invitee is null) EnsureOnlyHere(w, membership);
            var purpose = membership.State == MembershipState.PendingPhone ? ChallengePurpose.MemberPhone : ChallengePurpose.MemberPhoneChange;
            var next = MemberCodes.Send(change, challenges, purpose, membership, person, number, OrganizationOf(w, session).DisplayName);
            var before = membership.PendingPhoneNumber;
            membership.PendingPhoneNumber = number;
            Save(w, membership, person, time.UtcNow());
            change.Audit(caller, AuditActions.MembershipPhoneChangeStarted, membership.OrganizationId, "membership", membership.Id,
                new() { ["pending_phone_number"] = $"{MobileNumbers.Mask(before)} → {MobileNumbers.Mask(number)}" });
            return (new MemberView(membership, person), next);
        });
    }

    public MemberView ConfirmPhoneChange(AdministratorPrincipal principal, string? memberId, string? code)
    {
        var (caller, session) = principal;
        return work.Write(change =>
        {
            var w = change.Store;
            var membership = MemberDirectory.Load(w, session, memberId);
            if (membership.State is MembershipState.PendingPhone or MembershipState.Deactivated || membership.PendingPhoneNumber is null)
                throw new ConnectException(ErrorReason.MemberStateInvalid, "No new number of this member waits for its code.");
            var person = PersonOf(w, membership);
            if (membership.Invitee is null) EnsureOnlyHere(w, membership);
            var error = challenges.Verify(w, ChallengePurpose.MemberPhoneChange, membership.Id, code);
            if (error is not null)
            {
                change.Audit(caller, AuditActions.MembershipPhoneCodeFailed, membership.OrganizationId, "membership", membership.Id,
                    new() { ["reason"] = WireNames.Of(error.Reason) });
                return change.Refuse<MemberView>(error);
            }
            var now = time.UtcNow();
            var number = membership.PendingPhoneNumber;
            var details = new Dictionary<string, string>
            {
                ["phone_number"] = $"{MobileNumbers.Mask(new MemberView(membership, person).PhoneNumber)} → {MobileNumbers.Mask(number)}",
            };
            // A waiting member's number is the one shown; the person's own changes only while it is this organisation's draft.
            if (membership.Invitee is { } invitee) invitee.PhoneNumber = number;
            if (membership.Invitee is null || membership.Drafts(person))
            {
                person.PhoneNumber = number;
                person.PendingPhoneNumber = null;
                person.UpdatedAt = now;
                w.Update(person);
                change.Send(new AccountChangedEmail(person.Email, person.Language, AccountChange.PhoneNumberChanged, now));
            }
            membership.PendingPhoneNumber = null;
            Save(w, membership, person, now);
            change.Audit(caller, AuditActions.MembershipPhoneChanged, membership.OrganizationId, "membership", membership.Id, details);
            return new MemberView(membership, person);
        });
    }

    public (MemberView Member, int EndedSessions) Deactivate(AdministratorPrincipal principal, string? memberId, string? etag)
    {
        var (caller, session) = principal;
        return work.Write(change =>
        {
            var w = change.Store;
            var membership = MemberDirectory.Load(w, session, memberId);
            var person = w.Get<Person>(membership.PersonId);
            if (!string.IsNullOrEmpty(etag)) CheckEtag(membership, person, etag);
            // The last administrator check passes a member that is not active, which Deactivate then refuses.
            if (membership.Administrator) EnsureNotLastAdministrator(w, membership);
            membership.Deactivate();
            Save(w, membership, person, time.UtcNow());
            var ended = sessions.Active(w, membership.PersonId).Where(s => s.OrganizationId == membership.OrganizationId).Count(s => sessions.Revoke(w, s));
            change.Audit(caller, AuditActions.MembershipDeactivated, membership.OrganizationId, "membership", membership.Id, new()
            {
                ["state"] = $"{WireNames.Of(MembershipState.Active)} → {WireNames.Of(MembershipState.Deactivated)}",
                ["ended_sessions"] = ended.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            return (new MemberView(membership, person), ended);
        });
    }

    public MemberView Reactivate(AdministratorPrincipal principal, string? memberId, string? etag)
    {
        var (caller, session) = principal;
        return work.Write(change =>
        {
            var w = change.Store;
            var membership = MemberDirectory.Load(w, session, memberId);
            var person = w.Get<Person>(membership.PersonId);
            if (!string.IsNullOrEmpty(etag)) CheckEtag(membership, person, etag);
            membership.Reactivate(person);
            Save(w, membership, person, time.UtcNow());
            change.Audit(caller, AuditActions.MembershipReactivated, membership.OrganizationId, "membership", membership.Id,
                new() { ["state"] = $"{WireNames.Of(MembershipState.Deactivated)} → {WireNames.Of(membership.State)}" });
            return new MemberView(membership, person);
        });
    }

    /// <summary>
    /// The one way a changed membership is written: new version, fresh keys. An active membership was accepted (or
    /// activated) by its person, so from then on the organisation sees the person, not what it typed.
    /// </summary>
    public static void Save(IStoreWriter transaction, Membership membership, Person? person, DateTime now)
    {
        if (membership.State == MembershipState.Active)
        {
            membership.Invitee = null;
            membership.InvitationExpiresAt = null;
        }
        membership.Version++;
        membership.UpdatedAt = now;
        transaction.Update(membership);
    }

    public static Person PersonOf(IStoreReader reader, Membership membership) =>
        reader.Get<Person>(membership.PersonId)
        ?? throw new ConnectException(ErrorReason.PersonRemoved, "The person of this membership was removed; create the member anew.");

    public static Organization OrganizationOf(IStoreReader reader, SessionInfo session) =>
        reader.Get<Organization>(session.OrganizationId) ?? throw new ConnectException(ErrorReason.SessionInvalid, "The session's organisation no longer exists.");

    /// <summary>Distinct, trimmed topic ids, at most <see cref="Organizations.MaxTopics"/>.</summary>
    public static List<string> ReadTopicIds(IEnumerable<string> topicIds, string field = "topic_ids")
    {
        var topics = topicIds.Select(t => (t ?? "").Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (topics.Count > Organizations.MaxTopics) throw ConnectException.Field(field, $"must have at most {Organizations.MaxTopics} entries");
        return topics;
    }

    /// <summary>Every topic newly granted must exist, not be retired and be allowed for the organisation; topics kept from before may stay.</summary>
    public static void CheckGrantable(IStoreReader reader, Organization organization, IEnumerable<string> topics, IEnumerable<string> alreadyGranted)
    {
        var kept = alreadyGranted.ToHashSet(StringComparer.Ordinal);
        foreach (var topic in topics.Where(t => !kept.Contains(t)))
        {
            var shown = topic.Length > 64 ? topic[..64] : topic;
            TopicCatalogue.Require(reader, topic, "topic_ids");
            if (!organization.TopicIds.Contains(topic))
                throw ConnectException.Field("topic_ids", $"topic '{shown}' is not allowed for the organisation", ErrorReason.TopicNotAllowed);
        }
    }

    private static void CheckEtag(Membership membership, Person? person, string etag)
    {
        if (new MemberView(membership, person).Etag != etag)
            throw new ConnectException(ErrorReason.EtagMismatch, "The member changed since it was read; read it again.");
    }

    private static void EnsureNotLastAdministrator(IStoreReader reader, Membership membership)
    {
        if (membership.State != MembershipState.Active) return;
        if (reader.ActiveAdministratorCount(membership.OrganizationId) <= 1)
            throw new ConnectException(ErrorReason.LastAdministrator, "The organisation must keep one active administrator.");
    }

    /// <summary>
    /// A person's names and number are theirs: one organisation's administrator changes them only for a person
    /// who belongs to that organisation alone, never for someone another organisation relies on.
    /// </summary>
    private static void EnsureOnlyHere(IStoreReader reader, Membership membership)
    {
        if (reader.MembershipsOfPerson(membership.PersonId).Any(m => m.OrganizationId != membership.OrganizationId))
            throw new ConnectException(ErrorReason.PersonInOtherOrganizations,
                "The person is also a member of another organisation; they change their names and number in their own account.");
    }

    private static string Flag(bool value) => value ? "true" : "false";
}
