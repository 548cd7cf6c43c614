using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>gRPC adapter of the steps of <see cref="SignInFlow"/>, one step per call.</summary>
internal sealed class SignInGrpcService(
    SignInPasswordStep password,
    SignInCodeStep smsCode,
    SignInSecondFactorStep secondFactor,
    SignInOrganizationStep organization,
    SignInPasskeyStep passkey,
    PasswordResetStartStep resetStart,
    PasswordResetFinishStep resetFinish) : SignInService.SignInServiceBase
{
    public override async Task<StartSignInResponse> StartSignIn(StartSignInRequest request, ServerCallContext context) =>
        new() { Challenge = (await password.Start(context.Caller(), request.Email, request.Password, context.CancellationToken)).ToProto() };

    public override Task<SendSignInCodeResponse> SendSignInCode(SendSignInCodeRequest request, ServerCallContext context)
    {
        var (masked, next) = smsCode.SendCode(context.Caller(), request.SignInToken, request.PhoneNumber);
        return Task.FromResult(new SendSignInCodeResponse { MaskedPhoneNumber = masked, NextResendTime = next.ToTimestamp() });
    }

    public override async Task<VerifySecondFactorResponse> VerifySecondFactor(VerifySecondFactorRequest request, ServerCallContext context)
    {
        if (request.FactorCase == VerifySecondFactorRequest.FactorOneofCase.PasskeyCredentialJson)
            return ToResponse(await secondFactor.VerifyPasskey(context.Caller(), request.SignInToken, request.PasskeyCredentialJson,
                request.OrganizationId, context.CancellationToken));
        var (factor, code) = request.FactorCase switch
        {
            VerifySecondFactorRequest.FactorOneofCase.SmsCode => (SecondFactorKind.Sms, request.SmsCode),
            VerifySecondFactorRequest.FactorOneofCase.AuthenticatorCode => (SecondFactorKind.Authenticator, request.AuthenticatorCode),
            VerifySecondFactorRequest.FactorOneofCase.RecoveryCode => (SecondFactorKind.RecoveryCode, request.RecoveryCode),
            _ => throw ConnectException.Field("factor", "one of sms_code, authenticator_code, recovery_code or passkey_credential_json is required"),
        };
        return ToResponse(secondFactor.VerifySecondFactor(context.Caller(), request.SignInToken, factor, code, request.OrganizationId));
    }

    public override Task<RequestPasskeyChallengeResponse> RequestPasskeyChallenge(RequestPasskeyChallengeRequest request, ServerCallContext context)
    {
        var (options, expires) = secondFactor.RequestPasskeyChallenge(context.Caller(), request.SignInToken);
        return Task.FromResult(new RequestPasskeyChallengeResponse { OptionsJson = options, ExpireTime = expires.ToTimestamp() });
    }

    public override Task<StartPasskeySignInResponse> StartPasskeySignIn(StartPasskeySignInRequest request, ServerCallContext context)
    {
        var (token, options, expires) = passkey.Start(context.Caller());
        return Task.FromResult(new StartPasskeySignInResponse { SignInToken = token, OptionsJson = options, ExpireTime = expires.ToTimestamp() });
    }

    public override async Task<FinishPasskeySignInResponse> FinishPasskeySignIn(FinishPasskeySignInRequest request, ServerCallContext context)
    {
        var outcome = await passkey.Finish(context.Caller(), request.SignInToken, request.CredentialJson, request.OrganizationId, context.CancellationToken);
        var response = new FinishPasskeySignInResponse();
        if (outcome.Session is { } session) response.Session = session.ToProto();
        response.Organizations.AddRange(outcome.Organizations.Select(o => o.ToChoice()));
        return response;
    }

    private static VerifySecondFactorResponse ToResponse(SignInOutcome outcome)
    {
        var response = new VerifySecondFactorResponse { RecoveryCodesLeft = outcome.RecoveryCodesLeft };
        if (outcome.Session is { } session) response.Session = session.ToProto();
        response.Organizations.AddRange(outcome.Organizations.Select(o => o.ToChoice()));
        return response;
    }

    public override Task<ChooseOrganizationResponse> ChooseOrganization(ChooseOrganizationRequest request, ServerCallContext context) =>
        Task.FromResult(new ChooseOrganizationResponse
        {
            Session = organization.ChooseOrganization(context.Caller(), request.SignInToken, request.OrganizationId).ToProto(),
        });

    public override Task<StartPasswordResetResponse> StartPasswordReset(StartPasswordResetRequest request, ServerCallContext context)
    {
        var (token, signIn, next) = resetStart.StartPasswordReset(context.Caller(), request.Email);
        return Task.FromResult(new StartPasswordResetResponse
        {
            ResetToken = token, NextResendTime = next.ToTimestamp(), ExpireTime = signIn.ExpiresAt.ToTimestamp(),
        });
    }

    public override Task<ResendPasswordResetCodeResponse> ResendPasswordResetCode(ResendPasswordResetCodeRequest request, ServerCallContext context) =>
        Task.FromResult(new ResendPasswordResetCodeResponse
        {
            NextResendTime = resetStart.ResendPasswordResetCode(context.Caller(), request.ResetToken).ToTimestamp(),
        });

    public override async Task<ResetPasswordResponse> ResetPassword(ResetPasswordRequest request, ServerCallContext context) =>
        new()
        {
            Challenge = (await resetFinish.ResetPassword(context.Caller(), request.ResetToken, request.Code, request.NewPassword,
                context.CancellationToken)).ToProto(),
        };
}
