using Connect.Grpc.Security;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>Step 1 of <see cref="RegistrationFlow"/>: the access code starts a registration; it is not used up yet.</summary>
internal sealed class RegistrationAccessCodeStep(UnitOfWork work, TimeProvider time, Invitations invitations, AddressThrottle throttle)
{
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
            RegistrationFlow.RequireNotSuspended(organization);
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
                ExpiresAt = now + RegistrationFlow.Lifetime,
            };
            w.Insert(registration);
            RegistrationFlow.Save(change, caller, registration, AuditActions.RegistrationStarted, new() { ["invitation_id"] = invitation.Id });
            return (token, registration);
        });
    }
}
