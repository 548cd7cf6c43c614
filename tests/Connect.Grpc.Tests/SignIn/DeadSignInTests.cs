using Connect.V1;
using Google.Rpc;
using Grpc.Core;

namespace Connect.Grpc.Tests.SignIn;

/// <summary>
/// "5 wrong tries and the challenge, and the sign-in it belongs to, is dead": after the fifth wrong code, of any
/// factor and across new SMS codes, every later call with the sign-in token is refused, and only a new sign-in
/// with the password goes on.
/// </summary>
public sealed class DeadSignInTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly SignInDriver _people;

    public DeadSignInTests(ClassServer shared)
    {
        _server = shared.Server;
        _people = new SignInDriver(_server, shared.Channel);
    }

    [Theory]
    [InlineData(SecondFactor.Sms)]
    [InlineData(SecondFactor.Authenticator)]
    [InlineData(SecondFactor.RecoveryCode)]
    public async Task FifthWrongCode_FinishesTheSignIn_ForEveryLaterCall(SecondFactor killer)
    {
        var (anna, secret, recoveryCodes) = await PersonWithEveryFactor(killer);
        var challenge = await _people.Password(anna.Email);
        var smsCode = await _people.SmsCode(challenge, anna.Phone);
        for (var left = 4; left >= 1; left--)
        {
            var status = await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID", Verify(challenge, Wrong(killer, smsCode, secret)));
            Assert.Equal(left.ToString(System.Globalization.CultureInfo.InvariantCulture), status.GetDetail<ErrorInfo>()!.Metadata["attempts_left"]);
        }
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS", Verify(challenge, Wrong(killer, smsCode, secret)));

        await AssertDead(anna, challenge, smsCode, secret, recoveryCodes);

        // The password starts a new sign-in, which works.
        var again = await _people.Password(anna.Email);
        _people.NextTotpStep();
        var done = await _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = again.SignInToken, AuthenticatorCode = _people.Totp(secret) });
        Assert.NotEmpty(done.Session.SessionToken);
    }

    [Fact]
    public async Task NewSmsCode_DoesNotBuyNewTries()
    {
        var (anna, secret, recoveryCodes) = await PersonWithEveryFactor(SecondFactor.Sms);
        var challenge = await _people.Password(anna.Email);
        var first = await _people.SmsCode(challenge, anna.Phone);
        for (var i = 0; i < 2; i++)
            await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID", Verify(challenge, Wrong(SecondFactor.Sms, first, secret)));
        var second = await _people.SmsCode(challenge, anna.Phone);
        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID", Verify(challenge, Wrong(SecondFactor.Sms, second, secret)));
        Assert.Equal("2", status.GetDetail<ErrorInfo>()!.Metadata["attempts_left"]);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID", Verify(challenge, Wrong(SecondFactor.Authenticator, second, secret)));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS", Verify(challenge, Wrong(SecondFactor.Sms, second, secret)));

        await AssertDead(anna, challenge, second, secret, recoveryCodes);
    }

    [Fact]
    public async Task PasswordReset_FifthWrongCode_AcrossResentCodes_FinishesTheReset()
    {
        var anna = await _people.Member("dead-reset@example.ch", "+41795550410", "410.410");
        var token = (await _people.SignIn.StartPasswordResetAsync(new() { Email = anna.Email })).ResetToken;
        for (var i = 0; i < 3; i++) await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID", Reset(token));
        _people.Registrar.WaitOutResendInterval();
        await _people.SignIn.ResendPasswordResetCodeAsync(new() { ResetToken = token });
        await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID", Reset(token));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS", Reset(token));

        _people.Registrar.WaitOutResendInterval();
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS", _people.SignIn.ResendPasswordResetCodeAsync(new() { ResetToken = token }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS", Reset(token));
        // A new reset starts afresh.
        Assert.NotEmpty((await _people.SignIn.StartPasswordResetAsync(new() { Email = anna.Email })).ResetToken);
    }

    /// <summary>Every call with the token is refused, nothing is sent, and no factor opens a session.</summary>
    private async Task AssertDead(RegisteredAdmin anna, SignInChallenge challenge, string smsCode, string secret, IReadOnlyList<string> recoveryCodes)
    {
        var smsBefore = _server.Sms.To(anna.Phone).Count;
        _people.Registrar.WaitOutResendInterval();
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS",
            _people.SignIn.SendSignInCodeAsync(new() { SignInToken = challenge.SignInToken }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS", Verify(challenge, new() { SmsCode = smsCode }));
        _people.NextTotpStep();
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS", Verify(challenge, new() { AuthenticatorCode = _people.Totp(secret) }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS", Verify(challenge, new() { RecoveryCode = recoveryCodes[0] }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS",
            _people.SignIn.ChooseOrganizationAsync(new() { SignInToken = challenge.SignInToken, OrganizationId = anna.OrganizationId }));
        Assert.Equal(smsBefore, _server.Sms.To(anna.Phone).Count);
    }

    private async Task<(RegisteredAdmin Anna, string Secret, IReadOnlyList<string> RecoveryCodes)> PersonWithEveryFactor(SecondFactor variant)
    {
        var n = 420 + (int)variant;
        var anna = await _people.Member(_server.Unique($"dead-{n}@example.ch"), $"+41795550{n}", _server.Unique($"{n}.{n}"));
        var secret = await _people.EnrolAuthenticator(anna.SessionToken);
        var codes = (await _people.Account.CreateRecoveryCodesAsync(new() { Password = Registrar.Password }, RpcAssert.Bearer(anna.SessionToken))).RecoveryCodes;
        return (anna, secret, codes);
    }

    private AsyncUnaryCall<VerifySecondFactorResponse> Verify(SignInChallenge challenge, VerifySecondFactorRequest request)
    {
        request.SignInToken = challenge.SignInToken;
        return _people.SignIn.VerifySecondFactorAsync(request);
    }

    private VerifySecondFactorRequest Wrong(SecondFactor factor, string smsCode, string secret) => factor switch
    {
        SecondFactor.Sms => new() { SmsCode = smsCode == "000000" ? "111111" : "000000" },
        SecondFactor.Authenticator => new() { AuthenticatorCode = _people.Totp(secret, stepsFromNow: 10) },
        _ => new() { RecoveryCode = "ABCD-EFGH-JKMN" },
    };

    private AsyncUnaryCall<ResetPasswordResponse> Reset(string token) =>
        _people.SignIn.ResetPasswordAsync(new() { ResetToken = token, Code = "000000", NewPassword = "a brand new passphrase for connect" });
}
