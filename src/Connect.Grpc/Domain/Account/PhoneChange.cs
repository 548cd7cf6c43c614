using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>A person changes their own mobile number: a code to the new number, then that code (<see cref="AccountFlow"/>).</summary>
internal sealed class PhoneChange(UnitOfWork work, TimeProvider time, AccountFlow flow, CodeChallenges challenges, MobileNumbers mobileNumbers)
{
    public (string MaskedPhoneNumber, DateTime NextResend) StartPhoneChange(Caller caller, SessionInfo session, string? phoneNumber)
    {
        var number = mobileNumbers.Parse("phone_number", phoneNumber);
        return work.Write(change =>
        {
            var w = change.Store;
            var person = AccountFlow.PersonOf(w, session);
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
            var person = AccountFlow.PersonOf(change.Store, session);
            if (person.PendingPhoneNumber is null)
                return change.Refuse<Person>(new ConnectException(ErrorReason.CodeExpired, "No new number is waiting for its code; start again."));
            var error = challenges.Verify(change.Store, ChallengePurpose.PhoneChange, person.Id, code);
            if (error is not null) return change.Refuse<Person>(error);
            var details = new Dictionary<string, string> { ["phone_number"] = $"{MobileNumbers.Mask(person.PhoneNumber)} → {MobileNumbers.Mask(person.PendingPhoneNumber)}" };
            person.PhoneNumber = person.PendingPhoneNumber;
            person.PendingPhoneNumber = null;
            flow.Save(change, caller, session, person, AuditActions.PersonPhoneChanged, details);
            change.Send(new AccountChangedEmail(person.Email, person.Language, AccountChange.PhoneNumberChanged, time.UtcNow()));
            return person;
        });
    }
}
