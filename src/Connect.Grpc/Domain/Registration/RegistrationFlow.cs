using Connect.Grpc.Security;
using Connect.V1;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Domain;

/// <summary>
/// The registration of an organisation's administrator (the guide's page 1), one method per step on a
/// server-held registration: access code → e-mail → e-mail code (or link) → profile → mobile number →
/// SMS code → finish. A person whose verified address is already known confirms with their password and
/// an SMS code to their verified number instead, and gains a membership. The access code is used up only
/// by <see cref="Finish"/>, so an abandoned or failed registration leaves the invitation usable.
/// </summary>
internal sealed class RegistrationFlow(
    IStore store,
    UnitOfWork work,
    TimeProvider time,
    CodeChallenges challenges,
    Invitations invitations,
    Sessions sessions,
    PasswordPolicy passwordPolicy,
    PasswordHasher passwordHasher,
    MobileNumbers mobileNumbers,
    AddressThrottle throttle,
    IOptions<LinkOptions> links)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);
    public const int MaxPasswordFailures = 5;

    public (string Token, Registration Registration) Redeem(Caller caller, string? accessCode)
    {
        if (string.IsNullOrWhiteSpace(accessCode)) throw ConnectException.Field("access_code", "must not be empty");
        throttle.Take("access-code", caller);
        return work.Write(change =>
        {
            var w = change.Store;
            var invitation = invitations.FindUsable(w, accessCode);
            var organization = w.Get<Organization>(invitation.OrganizationId)
                ?? throw new ConnectException(ErrorReason.AccessCodeInvalid, "The access code is not valid.");
            RequireNotSuspended(organization);
            var now = time.UtcNow();
            var token = Secrets.NewToken();
            var registration = new Registration
            {
                TokenHash = Secrets.HashToken(token),
                InvitationId = invitation.Id,
                OrganizationId = invitation.OrganizationId,
                OrganizationName = organization.DisplayName,
                Step = RegistrationStep.EmailRequired,
                CreatedAt = now,
                ExpiresAt = now + Lifetime,
            };
            w.Insert(registration);
            Save(change, caller, registration, AuditActions.RegistrationStarted, new() { ["invitation_id"] = invitation.Id });
            return (token, registration);
        });
    }

    public Registration Get(string? token) => store.Read(r => Load(r, token));

    public (Registration Registration, DateTime NextResend) SubmitEmail(Caller caller, string? token, string? email, string language)
    {
        var address = Validate.Email("email", email);
        return work.Write(change =>
        {
            var registration = Load(change.Store, token, RegistrationStep.EmailRequired, RegistrationStep.EmailCodeSent);
            registration.Email = address;
            registration.Language = language;
            return (registration, SendEmailCode(change, caller, registration, AuditActions.RegistrationEmailSubmitted));
        });
    }

    public (Registration Registration, DateTime NextResend) ResendEmailCode(Caller caller, string? token)
    {
        return work.Write(change =>
        {
            var registration = Load(change.Store, token, RegistrationStep.EmailCodeSent);
            return (registration, SendEmailCode(change, caller, registration, AuditActions.RegistrationEmailCodeResent));
        });
    }

    public Registration VerifyEmail(Caller caller, string? token, string? code)
    {
        return work.Write(change =>
        {
            var registration = Load(change.Store, token, RegistrationStep.EmailCodeSent);
            var error = challenges.Verify(change.Store, ChallengePurpose.RegistrationEmail, registration.Id, code);
            if (error is not null)
            {
                Save(change, caller, registration, AuditActions.RegistrationEmailCodeFailed, new() { ["reason"] = ReasonName(error) });
                return change.Refuse<Registration>(error);
            }
            MarkEmailVerified(change, caller, registration, "code");
            return registration;
        });
    }

    public (string Token, Registration Registration) VerifyEmailLink(Caller caller, string? linkToken)
    {
        var link = Validate.Token("link_token", linkToken, ErrorReason.RegistrationNotFound);
        var hash = Secrets.HashToken(link);
        return work.Write(change =>
        {
            var w = change.Store;
            var registration = w.RegistrationByLinkTokenHash(hash)
                ?? throw new ConnectException(ErrorReason.RegistrationNotFound, "The link is unknown or was already used.");
            EnsureAlive(w, registration);
            if (registration.Step != RegistrationStep.EmailCodeSent) throw StepInvalid(registration);
            challenges.ConsumeCurrent(w, ChallengePurpose.RegistrationEmail, registration.Id);
            var token = Secrets.NewToken();
            registration.TokenHash = Secrets.HashToken(token);
            MarkEmailVerified(change, caller, registration, "link");
            return (token, registration);
        });
    }

    public async Task<Registration> CreateProfile(Caller caller, string? token, string? givenName, string? familyName, string? password,
        string language, CancellationToken cancellationToken)
    {
        var given = Validate.Name("given_name", givenName);
        var family = Validate.Name("family_name", familyName);
        passwordPolicy.Check("password", password);
        var before = store.Read(r => Load(r, token, RegistrationStep.EmailVerified));
        if (before.ExistingPersonId is not null) throw StepInvalid(before);
        // Hash outside the write: it is slow on purpose and the write lock serialises everyone.
        var hash = await passwordHasher.HashAsync(password!, cancellationToken);
        return work.Write(change =>
        {
            var registration = Load(change.Store, token, RegistrationStep.EmailVerified);
            registration.GivenName = given;
            registration.FamilyName = family;
            registration.PasswordHash = hash;
            registration.Language = language;
            registration.Step = RegistrationStep.ProfileCompleted;
            Save(change, caller, registration, AuditActions.RegistrationProfileCompleted,
                new() { ["given_name"] = given, ["family_name"] = family, ["language"] = language });
            return registration;
        });
    }

    public async Task<(Registration Registration, DateTime NextResend)> ConfirmExistingPerson(Caller caller, string? token, string? password,
        CancellationToken cancellationToken)
    {
        password = PasswordPolicy.Typed("password", password, ErrorReason.PasswordIncorrect);
        var registration = store.Read(r => Load(r, token, RegistrationStep.EmailVerified));
        if (registration.ExistingPersonId is null) throw StepInvalid(registration);
        var person = store.Read(r => r.Get<Person>(registration.ExistingPersonId))
            ?? throw new ConnectException(ErrorReason.RegistrationNotFound, "The registration is unknown.");
        EnsureNotMember(store, person.Id, registration.OrganizationId);
        // After the fund reset their second factor, a person has no number to send the code to: a sign-in verifies a new one first.
        if (person.PhoneNumberRequired)
            throw new ConnectException(ErrorReason.SecondFactorUnavailable, "Sign in first to verify a new mobile number, then use the access code.");
        var correct = await passwordHasher.VerifyAsync(person.PasswordHash, password, cancellationToken);
        return work.Write(change =>
        {
            var current = Load(change.Store, token, RegistrationStep.EmailVerified);
            if (!correct)
            {
                current.PasswordFailures++;
                var dead = current.PasswordFailures >= MaxPasswordFailures;
                if (dead) current.ExpiresAt = time.UtcNow();
                Save(change, caller, current, AuditActions.RegistrationPasswordFailed, new() { ["failures"] = current.PasswordFailures.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                return change.Refuse<(Registration, DateTime)>(dead
                    ? new ConnectException(ErrorReason.TooManyAttempts, "Too many wrong passwords; start again with the access code.")
                    : ConnectException.Field("password", "is not this account's password", ErrorReason.PasswordIncorrect));
            }
            current.PhoneNumber = person.PhoneNumber;
            return (current, SendPhoneCode(change, caller, current, AuditActions.RegistrationExistingPersonConfirmed));
        });
    }

    public (Registration Registration, DateTime NextResend) StartPhoneVerification(Caller caller, string? token, string? phoneNumber)
    {
        var before = store.Read(r => Load(r, token, RegistrationStep.ProfileCompleted, RegistrationStep.PhoneCodeSent));
        // An existing person's code goes to their verified number; only a resend is possible.
        var number = before.ExistingPersonId is null ? mobileNumbers.Parse("phone_number", phoneNumber) : before.PhoneNumber!;
        return work.Write(change =>
        {
            var registration = Load(change.Store, token, RegistrationStep.ProfileCompleted, RegistrationStep.PhoneCodeSent);
            registration.PhoneNumber = number;
            return (registration, SendPhoneCode(change, caller, registration, AuditActions.RegistrationPhoneCodeSent));
        });
    }

    public Registration VerifyPhone(Caller caller, string? token, string? code)
    {
        return work.Write(change =>
        {
            var registration = Load(change.Store, token, RegistrationStep.PhoneCodeSent);
            var error = challenges.Verify(change.Store, ChallengePurpose.RegistrationPhone, registration.Id, code);
            if (error is not null)
            {
                Save(change, caller, registration, AuditActions.RegistrationPhoneCodeFailed, new() { ["reason"] = ReasonName(error) });
                return change.Refuse<Registration>(error);
            }
            registration.Step = RegistrationStep.PhoneVerified;
            Save(change, caller, registration, AuditActions.RegistrationPhoneVerified, new() { ["phone_number"] = MobileNumbers.Mask(registration.PhoneNumber) });
            return registration;
        });
    }

    public (Registration Registration, string SessionToken, Session Session, string PersonId) Finish(Caller caller, string? token) => work.Write(change =>
    {
        var w = change.Store;
        var registration = Load(w, token, RegistrationStep.PhoneVerified);
        var invitation = w.Get<Invitation>(registration.InvitationId)
            ?? throw new ConnectException(ErrorReason.AccessCodeInvalid, "The access code is not valid.");
        invitations.EnsureUsable(invitation);
        var organization = w.Get<Organization>(registration.OrganizationId)
            ?? throw new ConnectException(ErrorReason.AccessCodeInvalid, "The access code is not valid.");
        RequireNotSuspended(organization);
        var now = time.UtcNow();
        var person = registration.ExistingPersonId is null ? CreatePerson(change, caller, registration, now) : w.Get<Person>(registration.ExistingPersonId)!;
        EnsureNotMember(w, person.Id, organization.Id);
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
        Save(change, actor, registration, AuditActions.RegistrationFinished, new() { ["person_id"] = person.Id });

        var (sessionToken, session) = sessions.Issue(w, person.Id, organization.Id, actor);
        change.Audit(actor, AuditActions.SessionCreated, organization.Id, "session", session.Id, new() { ["person_id"] = person.Id, ["via"] = "registration" });
        return (registration, sessionToken, session, person.Id);
    });

    private Person CreatePerson(Change change, Caller caller, Registration registration, DateTime now)
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

    private DateTime SendEmailCode(Change change, Caller caller, Registration registration, string action)
    {
        var (code, next) = challenges.Issue(change.Store, ChallengePurpose.RegistrationEmail, registration.Id, registration.Email!);
        var linkToken = Secrets.NewToken();
        registration.LinkTokenHash = Secrets.HashToken(linkToken);
        registration.Step = RegistrationStep.EmailCodeSent;
        change.Send(new EmailCodeEmail(registration.Email!, registration.Language, code, links.Value.EmailLinkUri(linkToken),
            time.UtcNow() + CodeChallenges.Validity));
        Save(change, caller, registration, action, new() { ["email"] = registration.Email! });
        return next;
    }

    private DateTime SendPhoneCode(Change change, Caller caller, Registration registration, string action)
    {
        var (code, next) = challenges.Issue(change.Store, ChallengePurpose.RegistrationPhone, registration.Id, registration.PhoneNumber!);
        registration.Step = RegistrationStep.PhoneCodeSent;
        change.Send(new PhoneCodeSms(registration.PhoneNumber!, registration.Language, code));
        Save(change, caller, registration, action, new() { ["phone_number"] = MobileNumbers.Mask(registration.PhoneNumber) });
        return next;
    }

    private void MarkEmailVerified(Change change, Caller caller, Registration registration, string via)
    {
        var email = registration.Email!;
        registration.ExistingPersonId = change.Store.PersonByEmail(email)?.Id;
        registration.LinkTokenHash = null;
        registration.Step = RegistrationStep.EmailVerified;
        Save(change, caller, registration, AuditActions.RegistrationEmailVerified,
            new() { ["via"] = via, ["existing_person"] = registration.ExistingPersonId is null ? "false" : "true" });
    }

    /// <summary>The live registration of a token, at one of the expected steps (none given: any step).</summary>
    private Registration Load(IStoreReader reader, string? token, params RegistrationStep[] expected)
    {
        var value = Validate.Token("registration_token", token, ErrorReason.RegistrationNotFound);
        var hash = Secrets.HashToken(value);
        var registration = reader.RegistrationByTokenHash(hash)
            ?? throw new ConnectException(ErrorReason.RegistrationNotFound, "The registration is unknown.");
        if (registration.Step != RegistrationStep.Finished) EnsureAlive(reader, registration);
        if (expected.Length > 0 && !expected.Contains(registration.Step)) throw StepInvalid(registration);
        return registration;
    }

    /// <summary>A suspended organisation takes no new administrator; the code stays valid for when it is reopened.</summary>
    private static void RequireNotSuspended(Organization organization)
    {
        if (organization.Suspended)
            throw new ConnectException(ErrorReason.OrganizationSuspended, "The organisation is suspended by the fund; call the fund's support.");
    }

    private void EnsureAlive(IStoreReader reader, Registration registration)
    {
        if (time.UtcNow() >= registration.ExpiresAt)
            throw new ConnectException(ErrorReason.RegistrationExpired, "The registration has expired; start again with the access code.");
        var invitation = reader.Get<Invitation>(registration.InvitationId)
            ?? throw new ConnectException(ErrorReason.AccessCodeInvalid, "The access code is not valid.");
        invitations.EnsureUsable(invitation);
    }

    private static void EnsureNotMember(IStore store, string personId, string organizationId) =>
        store.Read(r => { EnsureNotMember(r, personId, organizationId); return 0; });

    private static void EnsureNotMember(IStoreReader reader, string personId, string organizationId)
    {
        if (reader.MembershipsOfPerson(personId)
            .Any(m => m.OrganizationId == organizationId && m.State is MembershipState.Active or MembershipState.PendingActivation or MembershipState.PendingPhone))
        {
            throw new ConnectException(ErrorReason.AlreadyMember, "The person is already a member of this organisation.");
        }
    }

    private static ConnectException StepInvalid(Registration registration) =>
        new(ErrorReason.RegistrationStepInvalid, $"The registration is at step {registration.Step}.")
        {
            Metadata = new Dictionary<string, string> { ["step"] = registration.Step.ToString() },
        };

    /// <summary>Saves the registration and its audit event in the same write; every change of a registration goes through here.</summary>
    private static void Save(Change change, Caller caller, Registration registration, string action, Dictionary<string, string> details)
    {
        change.Store.Update(registration);
        change.Audit(caller, action, registration.OrganizationId, "registration", registration.Id, details);
    }

    private static string ReasonName(ConnectException error) => WireNames.Of(error.Reason);
}
