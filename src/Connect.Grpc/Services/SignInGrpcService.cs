using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>gRPC adapter of <see cref="SignInFlow"/>.</summary>
internal sealed class SignInGrpcService(SignInFlow flow) : SignInService.SignInServiceBase
{
    public override async Task<StartSignInResponse> StartSignIn(StartSignInRequest request, ServerCallContext context) =>
        new() { Challenge = (await flow.Start(context.Caller(), request.Email, request.Password, context.CancellationToken)).ToProto() };

    public override Task<SendSignInCodeResponse> SendSignInCode(SendSignInCodeRequest request, ServerCallContext context)
    {
        var (masked, next) = flow.SendCode(context.Caller(), request.SignInToken, request.PhoneNumber);
        return Task.FromResult(new SendSignInCodeResponse { MaskedPhoneNumber = masked, NextResendTime = next.ToTimestamp() });
    }

    public override Task<VerifySecondFactorResponse> VerifySecondFactor(VerifySecondFactorRequest request, ServerCallContext context)
    {
        var (factor, code) = request.FactorCase switch
        {
            VerifySecondFactorRequest.FactorOneofCase.SmsCode => (SecondFactorKind.Sms, request.SmsCode),
            VerifySecondFactorRequest.FactorOneofCase.AuthenticatorCode => (SecondFactorKind.Authenticator, request.AuthenticatorCode),
            VerifySecondFactorRequest.FactorOneofCase.RecoveryCode => (SecondFactorKind.RecoveryCode, request.RecoveryCode),
            _ => throw ConnectException.Field("factor", "one of sms_code, authenticator_code or recovery_code is required"),
        };
        var outcome = flow.VerifySecondFactor(context.Caller(), request.SignInToken, factor, code, request.OrganizationId);
        var response = new VerifySecondFactorResponse { RecoveryCodesLeft = outcome.RecoveryCodesLeft };
        if (outcome.Session is { } session) response.Session = session.ToProto();
        response.Organizations.AddRange(outcome.Organizations.Select(o => o.ToChoice()));
        return Task.FromResult(response);
    }

    public override Task<ChooseOrganizationResponse> ChooseOrganization(ChooseOrganizationRequest request, ServerCallContext context) =>
        Task.FromResult(new ChooseOrganizationResponse
        {
            Session = flow.ChooseOrganization(context.Caller(), request.SignInToken, request.OrganizationId).ToProto(),
        });

    public override Task<StartPasswordResetResponse> StartPasswordReset(StartPasswordResetRequest request, ServerCallContext context)
    {
        var (token, signIn, next) = flow.StartPasswordReset(context.Caller(), request.Email);
        return Task.FromResult(new StartPasswordResetResponse
        {
            ResetToken = token, NextResendTime = next.ToTimestamp(), ExpireTime = signIn.ExpiresAt.ToTimestamp(),
        });
    }

    public override Task<ResendPasswordResetCodeResponse> ResendPasswordResetCode(ResendPasswordResetCodeRequest request, ServerCallContext context) =>
        Task.FromResult(new ResendPasswordResetCodeResponse
        {
            NextResendTime = flow.ResendPasswordResetCode(context.Caller(), request.ResetToken).ToTimestamp(),
        });

    public override async Task<ResetPasswordResponse> ResetPassword(ResetPasswordRequest request, ServerCallContext context) =>
        new()
        {
            Challenge = (await flow.ResetPassword(context.Caller(), request.ResetToken, request.Code, request.NewPassword,
                context.CancellationToken)).ToProto(),
        };
}
