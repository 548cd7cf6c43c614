using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// Authorising a person, in the guide's order: e-mail, names, mobile number, the SMS code the person reads out
/// to the administrator. A new person then chooses a password with the activation e-mail; a person who
/// already has an account simply gains the membership. Pending members can be sent a new code or cancelled.
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
            var person = w.FindOne<Person>(p => p.Email == address);
            if (person is not null && w.Find<Membership>(m => m.PersonId == person.Id).Any(m => m.OrganizationId == organization.Id))
                throw new ConnectException(ErrorReason.AlreadyMember, "The person is already a member of the organisation.");
            var existing = person is not null;
            if (person is null)
            {
                person = new Person
                {
                    Email = address, GivenName = given, FamilyName = family, Language = language ?? organization.Language,
                    CreatedAt = now, UpdatedAt = now,
                };
                PersonKeys.Refresh(person);
                w.Insert(person);
                audit.Record(w, caller, "person.created", organization.Id, "person", person.Id, new()
                {
                    ["email"] = address, ["given_name"] = given, ["family_name"] = family, ["language"] = person.Language,
                });
            }
            var membership = new Membership
            {
                PersonId = person.Id, OrganizationId = organization.Id, Administrator = administrator, TopicIds = topics,
                State = MembershipState.PendingPhone, PendingPhoneNumber = number, CreatedAt = now, UpdatedAt = now, Version = 1,
            };
            MemberKeys.Refresh(membership, person);
            w.Insert(membership);
            var (code, next) = challenges.Issue(w, ChallengePurpose.MemberPhone, membership.Id, number);
            outbox.Enqueue(w, new PhoneCodeSms(number, person.Language, code));
            audit.Record(w, caller, "membership.created", organization.Id, "membership", membership.Id, new()
            {
                ["person_id"] = person.Id, ["email"] = address, ["existing_person"] = existing ? "true" : "false",
                ["administrator"] = administrator ? "true" : "false", ["topic_ids"] = string.Join(",", topics),
                ["phone_number"] = MobileNumbers.Mask(number),
            });
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
            var (code, next) = challenges.Issue(w, purpose, membership.Id, number);
            outbox.Enqueue(w, new PhoneCodeSms(number, person.Language, code));
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
                    new() { ["reason"] = error.Reason.ToString() });
                return (null, error);
            }
            var now = time.UtcNow();
            var organization = MemberChanges.OrganizationOf(w, session);
            // A person's verified number is theirs: another organisation's administrator never replaces it.
            if (person.PhoneNumber.Length == 0)
            {
                person.PhoneNumber = membership.PendingPhoneNumber;
                person.UpdatedAt = now;
                w.Update(person);
            }
            membership.PendingPhoneNumber = null;
            if (person.HasPassword())
            {
                membership.State = MembershipState.Active;
                outbox.Enqueue(w, new MembershipGrantedEmail(person.Email, person.Language, person.GivenName, organization.DisplayName));
            }
            else
            {
                membership.State = MembershipState.PendingActivation;
                activations.Issue(w, person, organization.DisplayName);
            }
            MemberChanges.Save(w, membership, person, now);
            audit.Record(w, caller, "membership.phone_verified", membership.OrganizationId, "membership", membership.Id,
                new() { ["state"] = membership.State.ToString() });
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
            if (membership.State != MembershipState.PendingActivation || person.HasPassword())
                throw new ConnectException(ErrorReason.MemberStateInvalid, "Only a member waiting for activation can be sent the activation e-mail.");
            activations.EnsureResendAllowed(person);
            var expires = activations.Issue(w, person, MemberChanges.OrganizationOf(w, session).DisplayName);
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
            audit.Record(w, caller, "membership.cancelled", membership.OrganizationId, "membership", membership.Id, new()
            {
                ["person_id"] = membership.PersonId, ["email"] = person?.Email ?? "", ["state"] = membership.State.ToString(),
                ["person_removed"] = personRemoved ? "true" : "false",
            });
            return 0;
        });
    }
}
