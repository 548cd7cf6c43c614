using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>gRPC adapter of the account's changes (<see cref="AccountFlow"/>) and <see cref="MembershipInvitations"/>.</summary>
internal sealed class AccountGrpcService(
    AccountFlow flow,
    ProfileChange profileChange,
    PasswordChange passwordChange,
    PhoneChange phoneChange,
    AuthenticatorEnrollment authenticatorEnrollment,
    AuthenticatorRemoval authenticatorRemoval,
    RecoveryCodeCreation recoveryCodeCreation,
    PasskeyRegistration passkeyRegistration,
    PasskeyRemoval passkeyRemoval,
    MembershipInvitations invitations) : AccountService.AccountServiceBase
{
    public override Task<GetAccountResponse> GetAccount(GetAccountRequest request, ServerCallContext context)
    {
        var session = context.Session();
        return Task.FromResult(new GetAccountResponse { Account = flow.Get(session).ToAccount() });
    }

    public override Task<UpdateProfileResponse> UpdateProfile(UpdateProfileRequest request, ServerCallContext context)
    {
        var (caller, session) = (context.Caller(), context.Session());
        var person = profileChange.UpdateProfile(caller, session, request.GivenName, request.FamilyName, request.Language.ToCodeOrNull());
        return Task.FromResult(new UpdateProfileResponse { Account = person.ToAccount() });
    }

    public override async Task<ChangePasswordResponse> ChangePassword(ChangePasswordRequest request, ServerCallContext context)
    {
        var (caller, session) = (context.Caller(), context.Session());
        var ended = await passwordChange.ChangePassword(caller, session, request.CurrentPassword, request.NewPassword, context.CancellationToken);
        return new ChangePasswordResponse { EndedSessions = ended };
    }

    public override Task<StartPhoneChangeResponse> StartPhoneChange(StartPhoneChangeRequest request, ServerCallContext context)
    {
        var (caller, session) = (context.Caller(), context.Session());
        var (masked, next) = phoneChange.StartPhoneChange(caller, session, request.PhoneNumber);
        return Task.FromResult(new StartPhoneChangeResponse { MaskedPhoneNumber = masked, NextResendTime = next.ToTimestamp() });
    }

    public override Task<ConfirmPhoneChangeResponse> ConfirmPhoneChange(ConfirmPhoneChangeRequest request, ServerCallContext context)
    {
        var (caller, session) = (context.Caller(), context.Session());
        return Task.FromResult(new ConfirmPhoneChangeResponse { Account = phoneChange.ConfirmPhoneChange(caller, session, request.Code).ToAccount() });
    }

    public override Task<StartAuthenticatorEnrollmentResponse> StartAuthenticatorEnrollment(StartAuthenticatorEnrollmentRequest request, ServerCallContext context)
    {
        var (caller, session) = (context.Caller(), context.Session());
        var (secret, uri) = authenticatorEnrollment.StartAuthenticatorEnrollment(caller, session);
        return Task.FromResult(new StartAuthenticatorEnrollmentResponse { Secret = secret, OtpauthUri = uri });
    }

    public override Task<ConfirmAuthenticatorEnrollmentResponse> ConfirmAuthenticatorEnrollment(ConfirmAuthenticatorEnrollmentRequest request, ServerCallContext context)
    {
        var (caller, session) = (context.Caller(), context.Session());
        return Task.FromResult(new ConfirmAuthenticatorEnrollmentResponse
        {
            Account = authenticatorEnrollment.ConfirmAuthenticatorEnrollment(caller, session, request.Code).ToAccount(),
        });
    }

    public override async Task<RemoveAuthenticatorResponse> RemoveAuthenticator(RemoveAuthenticatorRequest request, ServerCallContext context)
    {
        var (caller, session) = (context.Caller(), context.Session());
        var (factor, code) = request.FactorCase switch
        {
            RemoveAuthenticatorRequest.FactorOneofCase.AuthenticatorCode => (SecondFactorKind.Authenticator, request.AuthenticatorCode),
            RemoveAuthenticatorRequest.FactorOneofCase.RecoveryCode => (SecondFactorKind.RecoveryCode, request.RecoveryCode),
            _ => throw ConnectException.Field("factor", "authenticator_code or recovery_code is required"),
        };
        var person = await authenticatorRemoval.RemoveAuthenticator(caller, session, request.Password, factor, code, context.CancellationToken);
        return new RemoveAuthenticatorResponse { Account = person.ToAccount() };
    }

    public override async Task<CreateRecoveryCodesResponse> CreateRecoveryCodes(CreateRecoveryCodesRequest request, ServerCallContext context)
    {
        var (caller, session) = (context.Caller(), context.Session());
        var response = new CreateRecoveryCodesResponse();
        response.RecoveryCodes.AddRange(await recoveryCodeCreation.CreateRecoveryCodes(caller, session, request.Password, context.CancellationToken));
        return response;
    }

    public override Task<ListMembershipInvitationsResponse> ListMembershipInvitations(ListMembershipInvitationsRequest request, ServerCallContext context)
    {
        var session = context.Session();
        var response = new ListMembershipInvitationsResponse();
        response.MembershipInvitations.AddRange(invitations.List(session).Select(i => i.ToProto()));
        return Task.FromResult(response);
    }

    public override Task<AcceptMembershipInvitationResponse> AcceptMembershipInvitation(AcceptMembershipInvitationRequest request, ServerCallContext context)
    {
        var (caller, session) = (context.Caller(), context.Session());
        var accepted = invitations.Accept(caller, session, request.MembershipInvitationId);
        return Task.FromResult(new AcceptMembershipInvitationResponse
        {
            OrganizationId = accepted.Membership.OrganizationId, OrganizationDisplayName = accepted.OrganizationName,
        });
    }

    public override Task<DeclineMembershipInvitationResponse> DeclineMembershipInvitation(DeclineMembershipInvitationRequest request, ServerCallContext context)
    {
        var (caller, session) = (context.Caller(), context.Session());
        invitations.Decline(caller, session, request.MembershipInvitationId);
        return Task.FromResult(new DeclineMembershipInvitationResponse());
    }

    public override Task<ListPasskeysResponse> ListPasskeys(ListPasskeysRequest request, ServerCallContext context)
    {
        var response = new ListPasskeysResponse();
        response.Passkeys.AddRange(passkeyRemoval.List(context.Session()).Select(p => p.ToProto()));
        return Task.FromResult(response);
    }

    public override async Task<StartPasskeyRegistrationResponse> StartPasskeyRegistration(StartPasskeyRegistrationRequest request, ServerCallContext context)
    {
        var (options, expires) = await passkeyRegistration.Start(context.Caller(), context.Session(), request.Password, context.CancellationToken);
        return new StartPasskeyRegistrationResponse { OptionsJson = options, ExpireTime = expires.ToTimestamp() };
    }

    public override async Task<FinishPasskeyRegistrationResponse> FinishPasskeyRegistration(FinishPasskeyRegistrationRequest request, ServerCallContext context) =>
        new()
        {
            Passkey = (await passkeyRegistration.Finish(context.Caller(), context.Session(), request.Name, request.CredentialJson,
                context.CancellationToken)).ToProto(),
        };

    public override async Task<RemovePasskeyResponse> RemovePasskey(RemovePasskeyRequest request, ServerCallContext context)
    {
        await passkeyRemoval.Remove(context.Caller(), context.Session(), request.PasskeyId, request.Password, context.CancellationToken);
        return new RemovePasskeyResponse();
    }
}
