namespace Connect.Grpc.Domain;

/// <summary>Step 6 of <see cref="RegistrationFlow"/>: the SMS code proves the mobile number.</summary>
internal sealed class RegistrationPhoneCodeStep(UnitOfWork work, RegistrationFlow flow)
{
    public Registration VerifyPhone(Caller caller, string? token, string? code)
    {
        return work.Write(change =>
        {
            var registration = flow.Load(change.Store, token, RegistrationStep.PhoneCodeSent);
            var error = flow.CheckCode(change, caller, registration, ChallengePurpose.RegistrationPhone, code, AuditActions.RegistrationPhoneCodeFailed);
            if (error is not null) return change.Refuse<Registration>(error);
            registration.Step = RegistrationStep.PhoneVerified;
            RegistrationFlow.Save(change, caller, registration, AuditActions.RegistrationPhoneVerified,
                new() { ["phone_number"] = MobileNumbers.Mask(registration.PhoneNumber) });
            return registration;
        });
    }
}
