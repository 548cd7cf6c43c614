using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// Step 7 of <see cref="RegistrationFlow"/>: the person (unless they exist), the administrator's membership, the access
/// code used up and a session, in one write.
/// </summary>
internal sealed class RegistrationFinishStep(UnitOfWork work, TimeProvider time, RegistrationFlow flow, Invitations invitations, Sessions sessions)
{
    public (Registration Registration, string SessionToken, Session Session, string PersonId) Finish(Caller caller, string? token) => work.Write(change =>
    {
        var w = change.Store;
        var registration = flow.Load(w, token, RegistrationStep.PhoneVerified);
        var invitation = w.Get<Invitation>(registration.InvitationId)
            ?? throw new ConnectException(ErrorReason.AccessCodeInvalid, "The access code is not valid.");
        invitations.EnsureUsable(invitation);
        var organization = w.Get<Organization>(registration.OrganizationId)
            ?? throw new ConnectException(ErrorReason.AccessCodeInvalid, "The access code is not valid.");
        RegistrationFlow.RequireNotSuspended(organization);
        var now = time.UtcNow();
        var person = registration.ExistingPersonId is null ? CreatePerson(change, caller, registration, now) : w.Get<Person>(registration.ExistingPersonId)!;
        RegistrationFlow.EnsureNotMember(w, person.Id, organization.Id);
        var membership = w.MembershipOf(person.Id, organization.Id);
        var created = membership is null;
        if (membership is null) membership = new Membership(MembershipState.Active) { PersonId = person.Id, OrganizationId = organization.Id, CreatedAt = now };
        else membership.Rejoin();
        membership.Administrator = true;
        // The organisation's topics but the retired ones, which are history and are no longer granted.
        membership.TopicIds = [.. organization.TopicIds.Where(t => w.Get<Topic>(t) is { RetiredAt: null })];
        membership.UpdatedAt = now;
        membership.Version++;
        if (created) w.Insert(membership); else w.Update(membership);
        var actor = caller with { PersonId = person.Id, OrganizationId = organization.Id };
        change.Audit(actor, created ? AuditActions.MembershipCreated : AuditActions.MembershipReactivated, organization.Id, "membership", membership.Id,
            new() { ["person_id"] = person.Id, ["administrator"] = "true", ["topic_ids"] = string.Join(",", membership.TopicIds) });

        invitation.Redeem(now);
        w.Update(invitation);
        change.Audit(actor, AuditActions.InvitationRedeemed, organization.Id, "invitation", invitation.Id, new() { ["person_id"] = person.Id });

        registration.Step = RegistrationStep.Finished;
        registration.PasswordHash = null;
        registration.LinkTokenHash = null;
        RegistrationFlow.Save(change, actor, registration, AuditActions.RegistrationFinished, new() { ["person_id"] = person.Id });

        var (sessionToken, session) = sessions.Issue(w, person.Id, organization.Id, actor);
        change.Audit(actor, AuditActions.SessionCreated, organization.Id, "session", session.Id, new() { ["person_id"] = person.Id, ["via"] = "registration" });
        return (registration, sessionToken, session, person.Id);
    });

    private static Person CreatePerson(Change change, Caller caller, Registration registration, DateTime now)
    {
        var w = change.Store;
        if (w.PersonByEmail(registration.Email!) is not null)
            throw new ConnectException(ErrorReason.RegistrationStepInvalid, "The address was registered by another registration meanwhile; start again.");
        var person = new Person
        {
            Email = registration.Email!,
            GivenName = registration.GivenName!,
            FamilyName = registration.FamilyName!,
            PasswordHash = registration.PasswordHash!,
            PhoneNumber = registration.PhoneNumber!,
            Language = registration.Language,
            CreatedAt = now,
            UpdatedAt = now,
        };
        w.Insert(person);
        change.Audit(caller with { PersonId = person.Id }, AuditActions.PersonCreated, registration.OrganizationId, "person", person.Id, new()
        {
            ["email"] = person.Email, ["given_name"] = person.GivenName, ["family_name"] = person.FamilyName,
            ["phone_number"] = MobileNumbers.Mask(person.PhoneNumber), ["language"] = person.Language,
        });
        return person;
    }
}
