using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// Authorising a person, in the guide's order: e-mail, names, mobile number, the SMS code the person reads out
/// to the administrator. The membership then waits for the person: a new person accepts by choosing a password
/// with the activation e-mail, a person who already has an account by signing in and accepting the invitation
/// (<see cref="MembershipInvitations"/>). Until then the organisation sees only what it typed, and every answer
/// is the same for a known and an unknown address. Pending members can be sent a new code or cancelled.
/// </summary>
internal sealed class MemberOnboarding(
    UnitOfWork work,
    TimeProvider time,
    CodeChallenges challenges,
    MobileNumbers mobileNumbers,
    Activations activations)
{
    public (MemberView Member, string MaskedPhoneNumber, DateTime NextResend) Create(AdministratorPrincipal principal, string? email,
        string? givenName, string? familyName, string? phoneNumber, bool administrator, IEnumerable<string> topicIds, string? language)
    {
        var (caller, session) = principal;
        var address = Validate.Email("email", email);
        var given = Validate.Name("given_name", givenName);
        var family = Validate.Name("family_name", familyName);
        var number = mobileNumbers.Parse("phone_number", phoneNumber);
        var topics = MemberChanges.ReadTopicIds(topicIds);
        return work.Write(change =>
        {
            var w = change.Store;
            var organization = MemberChanges.OrganizationOf(w, session);
            MemberChanges.CheckGrantable(w, organization, topics, []);
            var now = time.UtcNow();
            var invitee = new MemberInvitee { GivenName = given, FamilyName = family, Language = language ?? organization.Language, PhoneNumber = number };
            var person = w.PersonByEmail(address);
            if (person is not null && w.MembershipOf(person.Id, organization.Id) is not null)
                throw new ConnectException(ErrorReason.AlreadyMember, "The person is already a member of the organisation.");
            var created = person is null;
            // Writes the known person back unchanged (same fields, same UpdatedAt, so no etag moves): a write of the
            // person's document on both paths, so that the time of the answer tells less (bench: MemberCreationBenchmarks).
            if (person is not null) w.Update(person);
            if (person is null)
            {
                person = new Person
                {
                    Email = address, GivenName = given, FamilyName = family, Language = invitee.Language, CreatedAt = now, UpdatedAt = now,
                };
                w.Insert(person);
            }
            var membership = new Membership(MembershipState.PendingPhone)
            {
                PersonId = person.Id, OrganizationId = organization.Id, Administrator = administrator, TopicIds = topics,
                PendingPhoneNumber = number, CreatedAt = now, UpdatedAt = now, Version = 1,
                Invitee = invitee, CreatedPerson = created,
            };
            w.Insert(membership);
            var next = MemberCodes.Send(change, challenges, ChallengePurpose.MemberPhone, membership, person, number, organization.DisplayName);
            // The organisation's log shows what its administrator typed, alike for both cases; which person the
            // membership belongs to is the fund's to know (its log, outside the organisation's).
            change.Audit(caller, AuditActions.MembershipCreated, organization.Id, "membership", membership.Id, new()
            {
                ["email"] = address, ["given_name"] = given, ["family_name"] = family, ["language"] = invitee.Language,
                ["administrator"] = administrator ? "true" : "false", ["topic_ids"] = string.Join(",", topics),
                ["phone_number"] = MobileNumbers.Mask(number),
            });
            var personDetails = new Dictionary<string, string> { ["membership_id"] = membership.Id, ["organization_id"] = organization.Id };
            if (created)
            {
                personDetails["email"] = address;
                personDetails["given_name"] = given;
                personDetails["family_name"] = family;
                personDetails["language"] = invitee.Language;
            }
            change.Audit(caller, created ? AuditActions.PersonCreated : AuditActions.PersonInvited, null, "person", person.Id, personDetails);
            return (new MemberView(membership, person), MobileNumbers.Mask(number), next);
        });
    }

    /// <summary>A new code for the number waiting for one: a pending member's, or a pending change's.</summary>
    public (string MaskedPhoneNumber, DateTime NextResend) SendPhoneCode(AdministratorPrincipal principal, string? memberId)
    {
        var (caller, session) = principal;
        return work.Write(change =>
        {
            var w = change.Store;
            var membership = MemberDirectory.Load(w, session, memberId);
            // Deactivation clears a pending number, so a deactivated member never has one.
            if (membership.PendingPhoneNumber is not { } number)
                throw new ConnectException(ErrorReason.MemberStateInvalid, "No mobile number of this member waits for a code.");
            var person = MemberChanges.PersonOf(w, membership);
            var purpose = membership.State == MembershipState.PendingPhone ? ChallengePurpose.MemberPhone : ChallengePurpose.MemberPhoneChange;
            var next = MemberCodes.Send(change, challenges, purpose, membership, person, number,
                MemberChanges.OrganizationOf(w, session).DisplayName);
            change.Audit(caller, AuditActions.MembershipPhoneCodeSent, membership.OrganizationId, "membership", membership.Id,
                new() { ["phone_number"] = MobileNumbers.Mask(number) });
            return (MobileNumbers.Mask(number), next);
        });
    }

    public MemberView VerifyPhone(AdministratorPrincipal principal, string? memberId, string? code)
    {
        var (caller, session) = principal;
        return work.Write(change =>
        {
            var w = change.Store;
            var membership = MemberDirectory.Load(w, session, memberId);
            membership.EnsureWaitingForPhone();
            var person = MemberChanges.PersonOf(w, membership);
            var error = challenges.Verify(w, ChallengePurpose.MemberPhone, membership.Id, code);
            if (error is not null)
            {
                change.Audit(caller, AuditActions.MembershipPhoneCodeFailed, membership.OrganizationId, "membership", membership.Id,
                    new() { ["reason"] = WireNames.Of(error.Reason) });
                return change.Refuse<MemberView>(error);
            }
            var now = time.UtcNow();
            var organization = MemberChanges.OrganizationOf(w, session);
            // A number becomes the person's only while nobody has verified one and they never signed in: a verified
            // number (and an account's second factor) never changes at another organisation's hand.
            if (person.PhoneNumber.Length == 0 && !person.HasPassword())
            {
                person.PhoneNumber = membership.PendingPhoneNumber;
                person.UpdatedAt = now;
                w.Update(person);
            }
            membership.PhoneVerified();
            Notify(change, membership, person, organization);
            MemberChanges.Save(w, membership, person, now);
            change.Audit(caller, AuditActions.MembershipPhoneVerified, membership.OrganizationId, "membership", membership.Id,
                new() { ["state"] = WireNames.Of(membership.State) });
            return new MemberView(membership, person);
        });
    }

    public (MemberView Member, DateTime ExpiresAt) ResendActivation(AdministratorPrincipal principal, string? memberId)
    {
        var (caller, session) = principal;
        return work.Write(change =>
        {
            var w = change.Store;
            var membership = MemberDirectory.Load(w, session, memberId);
            var person = MemberChanges.PersonOf(w, membership);
            if (membership.State != MembershipState.PendingActivation)
                throw new ConnectException(ErrorReason.MemberStateInvalid, "Only a member waiting for activation can be sent the activation e-mail.");
            // Counted on the membership, not the person: another organisation's e-mails to the same person must not show here.
            activations.EnsureResendAllowed(membership.NoticeSentAt, time.UtcNow());
            var expires = Notify(change, membership, person, MemberChanges.OrganizationOf(w, session));
            MemberChanges.Save(w, membership, person, time.UtcNow());
            change.Audit(caller, AuditActions.MembershipActivationSent, membership.OrganizationId, "membership", membership.Id);
            return (new MemberView(membership, person), expires);
        });
    }

    /// <summary>Removes a pending member, and their person when nothing else was ever theirs (no password, no other membership).</summary>
    public void Cancel(AdministratorPrincipal principal, string? memberId)
    {
        var (caller, session) = principal;
        work.Write(change =>
        {
            var w = change.Store;
            var membership = MemberDirectory.Load(w, session, memberId);
            if (membership.State is not (MembershipState.PendingPhone or MembershipState.PendingActivation))
                throw new ConnectException(ErrorReason.MemberStateInvalid, "Only a pending member can be cancelled; deactivate an active one.");
            w.Delete<Membership>(membership.Id);
            var person = w.Get<Person>(membership.PersonId);
            var personRemoved = person is not null && !person.HasPassword() && w.MembershipsOfPerson(person.Id).Count == 0;
            if (personRemoved) w.Delete<Person>(person!.Id);
            // Whether the person went too is the fund's to know: in the organisation's log it would tell a new person from a known one.
            change.Audit(caller, AuditActions.MembershipCancelled, membership.OrganizationId, "membership", membership.Id, new()
            {
                ["email"] = person?.Email ?? "", ["state"] = WireNames.Of(membership.State),
            });
            if (personRemoved) change.Audit(caller, AuditActions.PersonRemoved, null, "person", membership.PersonId, new() { ["membership_id"] = membership.Id });
        });
    }

    /// <summary>
    /// Tells the person that the membership waits for them: the activation e-mail to a person without a password
    /// (activating accepts), an invitation to sign in and accept or decline to one with an account. Both last 14 days.
    /// </summary>
    private DateTime Notify(Change change, Membership membership, Person person, Organization organization)
    {
        var now = time.UtcNow();
        var expires = now + Activations.Validity;
        if (person.HasPassword())
            change.Send(new MembershipInvitationEmail(person.Email, person.Language, person.GivenName, organization.DisplayName, expires));
        else
            expires = activations.Issue(change, person, organization.DisplayName);
        membership.NoticeSentAt = now;
        membership.InvitationExpiresAt = expires;
        return expires;
    }
}
