using Connect.Grpc.Security;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Domain;

/// <summary>Step 2 of <see cref="RegistrationFlow"/>: the e-mail address, and its code and link sent (and sent again).</summary>
internal sealed class RegistrationEmailStep(
    UnitOfWork work,
    TimeProvider time,
    RegistrationFlow flow,
    CodeChallenges challenges,
    IOptions<LinkOptions> links)
{
    public (Registration Registration, DateTime NextResend) SubmitEmail(Caller caller, string? token, string? email, string language)
    {
        var address = Validate.Email("email", email);
        return work.Write(change =>
        {
            var registration = flow.Load(change.Store, token, RegistrationStep.EmailRequired, RegistrationStep.EmailCodeSent);
            registration.Email = address;
            registration.Language = language;
            return (registration, SendEmailCode(change, caller, registration, AuditActions.RegistrationEmailSubmitted));
        });
    }

    public (Registration Registration, DateTime NextResend) ResendEmailCode(Caller caller, string? token)
    {
        return work.Write(change =>
        {
            var registration = flow.Load(change.Store, token, RegistrationStep.EmailCodeSent);
            return (registration, SendEmailCode(change, caller, registration, AuditActions.RegistrationEmailCodeResent));
        });
    }

    private DateTime SendEmailCode(Change change, Caller caller, Registration registration, string action)
    {
        var (code, next) = challenges.Issue(change.Store, ChallengePurpose.RegistrationEmail, registration.Id, registration.Email!);
        var linkToken = Secrets.NewToken();
        registration.LinkTokenHash = Secrets.HashToken(linkToken);
        registration.Step = RegistrationStep.EmailCodeSent;
        change.Send(new EmailCodeEmail(registration.Email!, registration.Language, code, links.Value.EmailLinkUri(linkToken),
            time.UtcNow() + CodeChallenges.Validity));
        RegistrationFlow.Save(change, caller, registration, action, new() { ["email"] = registration.Email! });
        return next;
    }
}
