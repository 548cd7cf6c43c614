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
    IStore store,
    TimeProvider time,
    Audit audit,
    CodeChallenges challenges,
    MobileNumbers mobileNumbers,
    IMessageOutbox outbox,
    Activations activations)
{
    public (MemberView Member, string MaskedPhoneNumber, DateTime NextResend) Create(Caller caller, SessionInfo session, string? email,
        string? givenName, string? familyName, string? phoneNumber, bool administrator, IEnumerable<string> topicIds, string? language)
    {
        MemberDirectory.RequireAdministrator(session);
        var address = Validate.Email("email", email);
        var given = Validate.Name("given_name", givenName);
        var family = Validate.Name("family_name", familyName);
        var number = mobileNumbers.Parse("phone_number", phoneNumber);
        var topics = MemberChanges.ReadTopicIds(topicIds);
        var result = store.Write(w =>
        {
            var organization = MemberChanges.OrganizationOf(w, session);
            MemberChanges.CheckGrantable(w, organization, topics, []);
            var now = time.UtcNow();
            var invitee = new MemberInvitee { GivenName = given, FamilyName = family, Language = language ?? organization.Language, PhoneNumber = number };
            var person = w.FindOne<Person>(p => p.Email == address);
            if (person is not null && w.Find<Membership>(m => m.PersonId == person.Id).Any(m => m.OrganizationId == organization.Id))
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
                PersonKeys.Refresh(person);
                w.Insert(person);
            }
            var membership = new Membership
            {
                PersonId = person.Id, OrganizationId = organization.Id, Administrator = administrator, TopicIds = topics,
                State = MembershipState.PendingPhone, PendingPhoneNumber = number, CreatedAt = now, UpdatedAt = now, Version = 1,
                Invitee = invitee, CreatedPerson = created,
            };
            MemberKeys.Refresh(membership, person);
            w.Insert(membership);
            var next = MemberCodes.Send(w, challenges, outbox, ChallengePurpose.MemberPhone, membership, person, number, organization.DisplayName);
            // The organisation's log shows what its administrator typed, alike for both cases; which person the
            // membership belongs to is the fund's to know (its log, outside the organisation's).
            audit.Record(w, caller, "membership.created", organization.Id, "membership", membership.Id, new()
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
            audit.Record(w, caller, created ? "person.created" : "person.invited", null, "person", person.Id, personDetails);
            return (new MemberView(membership, person), MobileNumbers.Mask(number), next);
        });
        outbox.Notify();
        return result;
    }

    /// <summary>A new code for the number waiting for one: a pending member's, or a pending change's.</summary>
    public (string MaskedPhoneNumber, DateTime NextResend) SendPhoneCode(Caller caller, SessionInfo session, string? memberId)
    {
        MemberDirectory.RequireAdministrator(session);
        var result = store.Write(w =>
        {
            var membership = MemberDirectory.Load(w, session, memberId);
            // Deactivation clears a pending number, so a deactivated member never has one.
            if (membership.PendingPhoneNumber is not { } number)
                throw new ConnectException(ErrorReason.MemberStateInvalid, "No mobile number of this member waits for a code.");
            var person = MemberChanges.PersonOf(w, membership);
            var purpose = membership.State == MembershipState.PendingPhone ? ChallengePurpose.MemberPhone : ChallengePurpose.MemberPhoneChange;
            var next = MemberCodes.Send(w, challenges, outbox, purpose, membership, person, number,
                MemberChanges.OrganizationOf(w, session).DisplayName);
            audit.Record(w, caller, "membership.phone_code_sent", membership.OrganizationId, "membership", membership.Id,
                new() { ["phone_number"] = MobileNumbers.Mask(number) });
            return (MobileNumbers.Mask(number), next);
        });
        outbox.Notify();
        return result;
    }

    public MemberView VerifyPhone(Caller caller, SessionInfo session, string? memberId, string? code)
    {
        MemberDirectory.RequireAdministrator(session);
        var (view, error) = store.Write<(MemberView?, ConnectException?)>(w =>
        {
            var membership = MemberDirectory.Load(w, session, memberId);
            if (membership.State != MembershipState.PendingPhone || membership.PendingPhoneNumber is null)
                throw new ConnectException(ErrorReason.MemberStateInvalid, "The member's number is already verified.");
            var person = MemberChanges.PersonOf(w, membership);
            var error = challenges.Verify(w, ChallengePurpose.MemberPhone, membership.Id, code);
            if (error is not null)
            {
                audit.Record(w, caller, "membership.phone_code_failed", membership.OrganizationId, "membership", membership.Id,
                    new() { ["reason"] = WireNames.Of(error.Reason) });
                return (null, error);
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
            membership.Invitee?.PhoneNumber = membership.PendingPhoneNumber;
            membership.PendingPhoneNumber = null;
            membership.State = MembershipState.PendingActivation;
            Notify(w, membership, person, organization);
            MemberChanges.Save(w, membership, person, now);
            audit.Record(w, caller, "membership.phone_verified", membership.OrganizationId, "membership", membership.Id,
                new() { ["state"] = WireNames.Of(membership.State) });
            return (new MemberView(membership, person), null);
        });
        if (error is not null) throw error;
        outbox.Notify();
        return view!;
    }

    public (MemberView Member, DateTime ExpiresAt) ResendActivation(Caller caller, SessionInfo session, string? memberId)
    {
        MemberDirectory.RequireAdministrator(session);
        var result = store.Write(w =>
        {
            var membership = MemberDirectory.Load(w, session, memberId);
            var person = MemberChanges.PersonOf(w, membership);
            if (membership.State != MembershipState.PendingActivation)
                throw new ConnectException(ErrorReason.MemberStateInvalid, "Only a member waiting for activation can be sent the activation e-mail.");
            // Counted on the membership, not the person: another organisation's e-mails to the same person must not show here.
            activations.EnsureResendAllowed(membership.NoticeSentAt, time.UtcNow());
            var expires = Notify(w, membership, person, MemberChanges.OrganizationOf(w, session));
            MemberChanges.Save(w, membership, person, time.UtcNow());
            audit.Record(w, caller, "membership.activation_sent", membership.OrganizationId, "membership", membership.Id);
            return (new MemberView(membership, person), expires);
        });
        outbox.Notify();
        return result;
    }

    /// <summary>Removes a pending member, and their person when nothing else was ever theirs (no password, no other membership).</summary>
    public void Cancel(Caller caller, SessionInfo session, string? memberId)
    {
        MemberDirectory.RequireAdministrator(session);
        store.Write(w =>
        {
            var membership = MemberDirectory.Load(w, session, memberId);
            if (membership.State is not (MembershipState.PendingPhone or MembershipState.PendingActivation))
                throw new ConnectException(ErrorReason.MemberStateInvalid, "Only a pending member can be cancelled; deactivate an active one.");
            w.Delete<Membership>(membership.Id);
            var person = w.Get<Person>(membership.PersonId);
            var personRemoved = person is not null && !person.HasPassword() && w.Find<Membership>(m => m.PersonId == person.Id).Count == 0;
            if (personRemoved) w.Delete<Person>(person!.Id);
            // Whether the person went too is the fund's to know: in the organisation's log it would tell a new person from a known one.
            audit.Record(w, caller, "membership.cancelled", membership.OrganizationId, "membership", membership.Id, new()
            {
                ["email"] = person?.Email ?? "", ["state"] = WireNames.Of(membership.State),
            });
            if (personRemoved) audit.Record(w, caller, "person.removed", null, "person", membership.PersonId, new() { ["membership_id"] = membership.Id });
            return 0;
        });
    }

    /// <summary>
    /// Tells the person that the membership waits for them: the activation e-mail to a person without a password
    /// (activating accepts), an invitation to sign in and accept or decline to one with an account. Both last 14 days.
    /// </summary>
    private DateTime Notify(IStoreWriter transaction, Membership membership, Person person, Organization organization)
    {
        var now = time.UtcNow();
        var expires = now + Activations.Validity;
        if (person.HasPassword())
            outbox.Enqueue(transaction, new MembershipInvitationEmail(person.Email, person.Language, person.GivenName, organization.DisplayName, expires));
        else
            expires = activations.Issue(transaction, person, organization.DisplayName);
        membership.NoticeSentAt = now;
        membership.InvitationExpiresAt = expires;
        return expires;
    }
}
