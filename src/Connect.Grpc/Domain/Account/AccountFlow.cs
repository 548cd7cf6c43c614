using Connect.Grpc.Security;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// A person's own account: profile, password, mobile number, authenticator app and recovery codes. Calls
/// that weaken the account ask for the password again; a wrong one counts towards the sign-in lock.
/// </summary>
internal sealed class AccountFlow(
    IStore store,
    UnitOfWork work,
    TimeProvider time,
    Sessions sessions,
    SignInLocks locks,
    CodeChallenges challenges,
    SecondFactors secondFactors,
    MobileNumbers mobileNumbers,
    PasswordHasher passwordHasher,
    PasswordPolicy passwordPolicy)
{
    public Person Get(SessionInfo session) => store.Read(r => PersonOf(r, session));

    public Person UpdateProfile(Caller caller, SessionInfo session, string? givenName, string? familyName, string? language)
    {
        var given = Validate.Name("given_name", givenName);
        var family = Validate.Name("family_name", familyName);
        return ChangePerson(caller, session, AuditActions.PersonProfileChanged, (change, person) =>
        {
            var details = new Dictionary<string, string>();
            if (person.GivenName != given) details["given_name"] = $"{person.GivenName} → {given}";
            if (person.FamilyName != family) details["family_name"] = $"{person.FamilyName} → {family}";
            if (language is not null && person.Language != language) details["language"] = $"{person.Language} → {language}";
            person.GivenName = given;
            person.FamilyName = family;
            person.Language = language ?? person.Language;
            return details;
        });
    }

    /// <summary>Changes the password and ends the person's other sessions; returns how many ended.</summary>
    public async Task<int> ChangePassword(Caller caller, SessionInfo session, string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        passwordPolicy.Check("new_password", newPassword);
        await Reauthenticate(caller, session, "current_password", currentPassword, cancellationToken);
        var newHash = await passwordHasher.HashAsync(newPassword!, cancellationToken);
        var ended = 0;
        ChangePerson(caller, session, AuditActions.PersonPasswordChanged, (change, person) =>
        {
            person.PasswordHash = newHash;
            person.CredentialVersion++;
            person.PasswordChangedAt = time.UtcNow();
            ended = sessions.RevokeAll(change.Store, person.Id, session.SessionId);
            change.Send(new AccountChangedEmail(person.Email, person.Language, AccountChange.PasswordChanged, time.UtcNow()));
            return new() { ["ended_sessions"] = ended.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        });
        return ended;
    }

    public (string MaskedPhoneNumber, DateTime NextResend) StartPhoneChange(Caller caller, SessionInfo session, string? phoneNumber)
    {
        var number = mobileNumbers.Parse("phone_number", phoneNumber);
        return work.Write(change =>
        {
            var w = change.Store;
            var person = PersonOf(w, session);
            if (number == person.PhoneNumber) throw ConnectException.Field("phone_number", "is already the verified number");
            var (code, next) = challenges.Issue(w, ChallengePurpose.PhoneChange, person.Id, number);
            person.PendingPhoneNumber = number;
            person.UpdatedAt = time.UtcNow();
            w.Update(person);
            change.Send(new PhoneCodeSms(number, person.Language, code));
            change.Audit(caller, AuditActions.PersonPhoneChangeStarted, session.OrganizationId, "person", person.Id,
                new() { ["phone_number"] = MobileNumbers.Mask(number) });
            return (MobileNumbers.Mask(number), next);
        });
    }

    public Person ConfirmPhoneChange(Caller caller, SessionInfo session, string? code)
    {
        return work.Write(change =>
        {
            var person = PersonOf(change.Store, session);
            if (person.PendingPhoneNumber is null)
                return change.Refuse<Person>(new ConnectException(ErrorReason.CodeExpired, "No new number is waiting for its code; start again."));
            var error = challenges.Verify(change.Store, ChallengePurpose.PhoneChange, person.Id, code);
            if (error is not null) return change.Refuse<Person>(error);
            var details = new Dictionary<string, string> { ["phone_number"] = $"{MobileNumbers.Mask(person.PhoneNumber)} → {MobileNumbers.Mask(person.PendingPhoneNumber)}" };
            person.PhoneNumber = person.PendingPhoneNumber;
            person.PendingPhoneNumber = null;
            Save(change, caller, session, person, AuditActions.PersonPhoneChanged, details);
            change.Send(new AccountChangedEmail(person.Email, person.Language, AccountChange.PhoneNumberChanged, time.UtcNow()));
            return person;
        });
    }

    public (string Secret, string Uri) StartAuthenticatorEnrollment(Caller caller, SessionInfo session) => work.Write(change =>
    {
        var person = PersonOf(change.Store, session);
        if (person.AuthenticatorSecret is not null)
            throw new ConnectException(ErrorReason.AuthenticatorAlreadyEnrolled, "An authenticator app is already enrolled; remove it first.");
        var enrollment = secondFactors.StartEnrollment(person);
        Save(change, caller, session, person, AuditActions.PersonAuthenticatorEnrollmentStarted, []);
        return enrollment;
    });

    public Person ConfirmAuthenticatorEnrollment(Caller caller, SessionInfo session, string? code) => work.Write(change =>
    {
        var person = PersonOf(change.Store, session);
        if (person.AuthenticatorSecret is not null)
            throw new ConnectException(ErrorReason.AuthenticatorAlreadyEnrolled, "An authenticator app is already enrolled.");
        if (person.PendingAuthenticatorSecret is null)
            throw new ConnectException(ErrorReason.SecondFactorUnavailable, "No enrollment is waiting for its first code; start again.");
        if (!secondFactors.ConfirmEnrollment(person, code)) throw WrongCode("code");
        Save(change, caller, session, person, AuditActions.PersonAuthenticatorEnrolled, []);
        return person;
    });

    public async Task<Person> RemoveAuthenticator(Caller caller, SessionInfo session, string? password, SecondFactorKind factor, string? code,
        CancellationToken cancellationToken)
    {
        if (factor == SecondFactorKind.Sms) throw ConnectException.Field("factor", "must be an authenticator code or a recovery code");
        await Reauthenticate(caller, session, "password", password, cancellationToken);
        return work.Write(change =>
        {
            var person = PersonOf(change.Store, session);
            if (person.AuthenticatorSecret is null)
                throw new ConnectException(ErrorReason.SecondFactorUnavailable, "No authenticator app is enrolled.");
            var right = factor == SecondFactorKind.Authenticator
                ? secondFactors.UseAuthenticatorCode(person, code)
                : secondFactors.UseRecoveryCode(person, code);
            if (!right)
            {
                var locked = locks.RecordFailure(change.Store, person.Email);
                return change.Refuse<Person>(locked ?? WrongCode(factor == SecondFactorKind.Authenticator ? "authenticator_code" : "recovery_code"));
            }
            SecondFactors.RemoveAuthenticator(person);
            Save(change, caller, session, person, AuditActions.PersonAuthenticatorRemoved,
                new() { ["with"] = factor == SecondFactorKind.Authenticator ? "authenticator_code" : "recovery_code" });
            change.Send(new AccountChangedEmail(person.Email, person.Language, AccountChange.AuthenticatorRemoved, time.UtcNow()));
            return person;
        });
    }

    public async Task<IReadOnlyList<string>> CreateRecoveryCodes(Caller caller, SessionInfo session, string? password, CancellationToken cancellationToken)
    {
        await Reauthenticate(caller, session, "password", password, cancellationToken);
        return work.Write(change =>
        {
            var person = PersonOf(change.Store, session);
            var codes = secondFactors.NewRecoveryCodes(person);
            Save(change, caller, session, person, AuditActions.PersonRecoveryCodesCreated, new() { ["count"] = codes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            return codes;
        });
    }

    /// <summary>Checks the person's password again; a wrong one counts towards the lock and answers <c>PASSWORD_INCORRECT</c>.</summary>
    private async Task Reauthenticate(Caller caller, SessionInfo session, string field, string? password, CancellationToken cancellationToken)
    {
        password = PasswordPolicy.Typed(field, password, ErrorReason.PasswordIncorrect);
        var person = store.Read(r =>
        {
            var person = PersonOf(r, session);
            locks.ThrowIfLocked(r, person.Email);
            return person;
        });
        if (await passwordHasher.VerifyAsync(person.PasswordHash, password, cancellationToken)) return;
        work.Write(change =>
        {
            change.Audit(caller, AuditActions.PersonPasswordCheckFailed, session.OrganizationId, "person", person.Id);
            var locked = locks.RecordFailure(change.Store, person.Email);
            change.Refuse(locked ?? ConnectException.Field(field, "is not this account's password", ErrorReason.PasswordIncorrect));
        });
    }

    private Person ChangePerson(Caller caller, SessionInfo session, string action, Func<Change, Person, Dictionary<string, string>> changePerson) =>
        work.Write(change =>
        {
            var person = PersonOf(change.Store, session);
            Save(change, caller, session, person, action, changePerson(change, person));
            return person;
        });

    private void Save(Change change, Caller caller, SessionInfo session, Person person, string action, Dictionary<string, string> details)
    {
        person.UpdatedAt = time.UtcNow();
        change.Store.Update(person);
        change.Audit(caller, action, session.OrganizationId, "person", person.Id, details);
    }

    private static Person PersonOf(IStoreReader reader, SessionInfo session) =>
        reader.Get<Person>(session.PersonId) ?? throw new ConnectException(ErrorReason.SessionInvalid, "The session's person no longer exists.");

    private static ConnectException WrongCode(string field) =>
        new(ErrorReason.CodeInvalid, "The code is wrong or was already used.") { Violations = [new FieldViolation(field, "is wrong or was already used")] };
}
