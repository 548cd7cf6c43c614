namespace Connect.Grpc.Domain;

/// <summary>Step 5 of <see cref="RegistrationFlow"/>: the mobile number, and its SMS code sent (and sent again).</summary>
internal sealed class RegistrationPhoneStep(IStore store, UnitOfWork work, RegistrationFlow flow, MobileNumbers mobileNumbers)
{
    public (Registration Registration, DateTime NextResend) StartPhoneVerification(Caller caller, string? token, string? phoneNumber)
    {
        var before = store.Read(r => flow.Load(r, token, RegistrationStep.ProfileCompleted, RegistrationStep.PhoneCodeSent));
        // An existing person's code goes to their verified number; only a resend is possible.
        var number = before.ExistingPersonId is null ? mobileNumbers.Parse("phone_number", phoneNumber) : before.PhoneNumber!;
        return work.Write(change =>
        {
            var registration = flow.Load(change.Store, token, RegistrationStep.ProfileCompleted, RegistrationStep.PhoneCodeSent);
            registration.PhoneNumber = number;
            return (registration, flow.SendPhoneCode(change, caller, registration, AuditActions.RegistrationPhoneCodeSent));
        });
    }
}
