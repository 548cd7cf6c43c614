using Connect.Grpc.Security;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// Step 3 of <see cref="RegistrationFlow"/>: the e-mailed code, or the e-mailed link, proves the address; a known
/// address sends the registration on to <see cref="RegistrationExistingPersonStep"/>.
/// </summary>
internal sealed class RegistrationEmailCodeStep(UnitOfWork work, RegistrationFlow flow, CodeChallenges challenges)
{
    public Registration VerifyEmail(Caller caller, string? token, string? code)
    {
        return work.Write(change =>
        {
            var registration = flow.Load(change.Store, token, RegistrationStep.EmailCodeSent);
            var error = flow.CheckCode(change, caller, registration, ChallengePurpose.RegistrationEmail, code, AuditActions.RegistrationEmailCodeFailed);
            if (error is not null) return change.Refuse<Registration>(error);
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
            flow.EnsureAlive(w, registration);
            if (registration.Step != RegistrationStep.EmailCodeSent) throw RegistrationFlow.StepInvalid(registration);
            challenges.ConsumeCurrent(w, ChallengePurpose.RegistrationEmail, registration.Id);
            var token = Secrets.NewToken();
            registration.TokenHash = Secrets.HashToken(token);
            MarkEmailVerified(change, caller, registration, "link");
            return (token, registration);
        });
    }

    private static void MarkEmailVerified(Change change, Caller caller, Registration registration, string via)
    {
        var email = registration.Email!;
        registration.ExistingPersonId = change.Store.PersonByEmail(email)?.Id;
        registration.LinkTokenHash = null;
        registration.Step = RegistrationStep.EmailVerified;
        RegistrationFlow.Save(change, caller, registration, AuditActions.RegistrationEmailVerified,
            new() { ["via"] = via, ["existing_person"] = registration.ExistingPersonId is null ? "false" : "true" });
    }
}
