using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>gRPC adapter of the steps of <see cref="RegistrationFlow"/>, one step per call.</summary>
internal sealed class RegistrationGrpcService(
    RegistrationFlow flow,
    RegistrationAccessCodeStep accessCode,
    RegistrationEmailStep email,
    RegistrationEmailCodeStep emailCode,
    RegistrationProfileStep profile,
    RegistrationExistingPersonStep existingPerson,
    RegistrationPhoneStep phone,
    RegistrationPhoneCodeStep phoneCode,
    RegistrationFinishStep finish) : RegistrationService.RegistrationServiceBase
{
    public override Task<RedeemAccessCodeResponse> RedeemAccessCode(RedeemAccessCodeRequest request, ServerCallContext context)
    {
        var (token, registration) = accessCode.Redeem(context.Caller(), request.AccessCode);
        return Task.FromResult(new RedeemAccessCodeResponse { RegistrationToken = token, Registration = registration.ToProto() });
    }

    public override Task<GetRegistrationResponse> GetRegistration(GetRegistrationRequest request, ServerCallContext context) =>
        Task.FromResult(new GetRegistrationResponse { Registration = flow.Get(request.RegistrationToken).ToProto() });

    public override Task<SubmitEmailResponse> SubmitEmail(SubmitEmailRequest request, ServerCallContext context)
    {
        var (registration, next) = email.SubmitEmail(context.Caller(), request.RegistrationToken, request.Email, request.Language.ToCode());
        return Task.FromResult(new SubmitEmailResponse { Registration = registration.ToProto(), NextResendTime = next.ToTimestamp() });
    }

    public override Task<ResendEmailCodeResponse> ResendEmailCode(ResendEmailCodeRequest request, ServerCallContext context)
    {
        var (registration, next) = email.ResendEmailCode(context.Caller(), request.RegistrationToken);
        return Task.FromResult(new ResendEmailCodeResponse { Registration = registration.ToProto(), NextResendTime = next.ToTimestamp() });
    }

    public override Task<VerifyEmailResponse> VerifyEmail(VerifyEmailRequest request, ServerCallContext context) =>
        Task.FromResult(new VerifyEmailResponse
        {
            Registration = emailCode.VerifyEmail(context.Caller(), request.RegistrationToken, request.Code).ToProto(),
        });

    public override Task<VerifyEmailLinkResponse> VerifyEmailLink(VerifyEmailLinkRequest request, ServerCallContext context)
    {
        var (token, registration) = emailCode.VerifyEmailLink(context.Caller(), request.LinkToken);
        return Task.FromResult(new VerifyEmailLinkResponse { RegistrationToken = token, Registration = registration.ToProto() });
    }

    public override async Task<CreateProfileResponse> CreateProfile(CreateProfileRequest request, ServerCallContext context)
    {
        var registration = await profile.CreateProfile(context.Caller(), request.RegistrationToken, request.GivenName,
            request.FamilyName, request.Password, request.Language.ToCode(), context.CancellationToken);
        return new CreateProfileResponse { Registration = registration.ToProto() };
    }

    public override async Task<ConfirmExistingPersonResponse> ConfirmExistingPerson(ConfirmExistingPersonRequest request, ServerCallContext context)
    {
        var (registration, next) = await existingPerson.ConfirmExistingPerson(context.Caller(), request.RegistrationToken,
            request.Password, context.CancellationToken);
        return new ConfirmExistingPersonResponse { Registration = registration.ToProto(), NextResendTime = next.ToTimestamp() };
    }

    public override Task<StartPhoneVerificationResponse> StartPhoneVerification(StartPhoneVerificationRequest request, ServerCallContext context)
    {
        var (registration, next) = phone.StartPhoneVerification(context.Caller(), request.RegistrationToken, request.PhoneNumber);
        return Task.FromResult(new StartPhoneVerificationResponse { Registration = registration.ToProto(), NextResendTime = next.ToTimestamp() });
    }

    public override Task<VerifyPhoneResponse> VerifyPhone(VerifyPhoneRequest request, ServerCallContext context) =>
        Task.FromResult(new VerifyPhoneResponse
        {
            Registration = phoneCode.VerifyPhone(context.Caller(), request.RegistrationToken, request.Code).ToProto(),
        });

    public override Task<FinishRegistrationResponse> FinishRegistration(FinishRegistrationRequest request, ServerCallContext context)
    {
        var (registration, token, session, personId) = finish.Finish(context.Caller(), request.RegistrationToken);
        return Task.FromResult(new FinishRegistrationResponse
        {
            Registration = registration.ToProto(),
            SessionToken = token,
            SessionExpireTime = session.ExpiresAt.ToTimestamp(),
            PersonId = personId,
            OrganizationId = session.OrganizationId,
        });
    }
}
