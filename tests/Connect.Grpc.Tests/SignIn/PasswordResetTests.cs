using Connect.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Connect.Grpc.Tests.SignIn;

/// <summary>"Forgot password": an e-mailed code, a new password, then the usual second factor.</summary>
public sealed class PasswordResetTests : IClassFixture<ClassServer>
{
    private const string NewPassword = "a brand new passphrase for connect";

    private readonly ConnectServerFactory _server;
    private readonly SignInDriver _driver;

    public PasswordResetTests(ClassServer shared)
    {
        _server = shared.Server;
        _driver = new SignInDriver(_server, shared.Channel);
    }

    private SignInService.SignInServiceClient SignIn => _driver.SignIn;

    [Fact]
    public async Task StartPasswordReset_AnswersTheSameForKnownAndUnknownAddresses_ButMailsOnlyTheKnownOne()
    {
        var member = await _driver.Member("reset-known@muster.test", "+41795550301", "103.001");
        var mailsBefore = _server.Mail.To(member.Email).Count;
        var now = _server.Time.GetUtcNow().UtcDateTime;

        var unknown = await SignIn.StartPasswordResetAsync(new() { Email = "reset-nobody@muster.test" });
        var known = await SignIn.StartPasswordResetAsync(new() { Email = "Reset-Known@Muster.test" });

        foreach (var response in new[] { known, unknown })
        {
            Assert.False(string.IsNullOrEmpty(response.ResetToken));
            AssertClose(now + TimeSpan.FromSeconds(60), response.NextResendTime);
            AssertClose(now + TimeSpan.FromMinutes(30), response.ExpireTime);
        }
        Assert.NotEqual(known.ResetToken, unknown.ResetToken);
        Assert.Equal(unknown.ResetToken.Length, known.ResetToken.Length);
        Assert.Equal(unknown.CalculateSize(), known.CalculateSize());

        var text = await _server.Mail.WaitForText(member.Email, mailsBefore + 1);
        Assert.Matches("(?<![0-9])[0-9]{6}(?![0-9])", text);
        Assert.Empty(_server.Mail.To("reset-nobody@muster.test"));
    }

    [Fact]
    public async Task StartPasswordReset_WithInvalidEmail_FailsWithFieldInvalid()
    {
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", SignIn.StartPasswordResetAsync(new() { Email = "not an address" }));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", SignIn.StartPasswordResetAsync(new() { Email = "" }));
    }

    [Fact]
    public async Task ResetPassword_WithWrongCode_FailsWithCodeInvalid_AndFiveWrongKillTheCode()
    {
        var member = await _driver.Member("reset-wrong@muster.test", "+41795550302", "103.002");
        var (token, code) = await StartReset(member);

        for (var attempt = 1; attempt < 5; attempt++)
            await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID", Reset(token, WrongCode(code)));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS", Reset(token, WrongCode(code)));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS", Reset(token, code));

        await _driver.Password(member.Email);
    }

    [Fact]
    public async Task ResetPassword_WithWeakPassword_FailsWithPasswordTooShort_AndTheCodeStillWorks()
    {
        var member = await _driver.Member("reset-weak@muster.test", "+41795550303", "103.003");
        var (token, code) = await StartReset(member);

        await RpcAssert.Fails(StatusCode.InvalidArgument, "PASSWORD_TOO_SHORT", Reset(token, code, "too short"));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PASSWORD_TOO_COMMON", Reset(token, code, "password1234"));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PASSWORD_TOO_LONG", Reset(token, code, new string('x', 129)));

        var challenge = (await Reset(token, code)).Challenge;
        Assert.Contains(SecondFactor.Sms, challenge.SecondFactors);
    }

    [Fact]
    public async Task ResetPassword_ForAnUnknownAddress_RefusesAnyCode()
    {
        var reset = await SignIn.StartPasswordResetAsync(new() { Email = "reset-stranger@muster.test" });

        foreach (var code in new[] { "000000", "123456", "999999" })
            await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID", Reset(reset.ResetToken, code));
    }

    [Fact]
    public async Task ResetPassword_WithTheRightCode_ContinuesWithTheSecondFactor_IntoASession()
    {
        var member = await _driver.Member("reset-right@muster.test", "+41795550304", "103.004");
        var (token, code) = await StartReset(member);

        var challenge = (await Reset(token, code)).Challenge;

        Assert.Contains(SecondFactor.Sms, challenge.SecondFactors);
        Assert.EndsWith("04", challenge.MaskedPhoneNumber);
        Assert.Equal(token, challenge.SignInToken);
        var sms = await _driver.SmsCode(challenge, member.Phone);
        var verified = await SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = sms });
        Assert.Equal(member.PersonId, verified.Session.PersonId);
        Assert.Equal(member.OrganizationId, verified.Session.OrganizationId);
        var me = await _driver.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(verified.Session.SessionToken));
        Assert.Equal(member.PersonId, me.PersonId);
    }

    [Fact]
    public async Task NewPassword_HoldsOnlyAfterTheSecondFactor_AndEndsEveryEarlierSession()
    {
        var member = await _driver.Member("reset-holds@muster.test", "+41795550305", "103.005");
        var earlier = (await _driver.WithSms(member)).Session.SessionToken;
        var (token, code) = await StartReset(member);
        var challenge = (await Reset(token, code)).Challenge;

        // Before the second factor nothing has changed.
        await _driver.Password(member.Email);
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED", SignIn.StartSignInAsync(new() { Email = member.Email, Password = NewPassword }));
        await _driver.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(earlier));

        var sms = await _driver.SmsCode(challenge, member.Phone);
        var session = (await SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = sms })).Session;

        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED", SignIn.StartSignInAsync(new() { Email = member.Email, Password = Registrar.Password }));
        await _driver.Password(member.Email, NewPassword);
        foreach (var dead in new[] { member.SessionToken, earlier })
            await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", _driver.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(dead)));
        await _driver.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(session.SessionToken));
        Assert.Single((await _driver.Sessions.ListSessionsAsync(new(), RpcAssert.Bearer(session.SessionToken))).Sessions);
    }

    [Fact]
    public async Task ResetToken_AfterCompletion_FailsWithSignInNotFound()
    {
        var member = await _driver.Member("reset-twice@muster.test", "+41795550306", "103.006");
        var (token, code) = await StartReset(member);
        var challenge = (await Reset(token, code)).Challenge;
        var sms = await _driver.SmsCode(challenge, member.Phone);
        await SignIn.VerifySecondFactorAsync(new() { SignInToken = token, SmsCode = sms });

        await RpcAssert.Fails(StatusCode.NotFound, "SIGN_IN_NOT_FOUND", Reset(token, code, "yet another passphrase here"));
        await RpcAssert.Fails(StatusCode.NotFound, "SIGN_IN_NOT_FOUND", SignIn.ResendPasswordResetCodeAsync(new() { ResetToken = token }));
        await RpcAssert.Fails(StatusCode.NotFound, "SIGN_IN_NOT_FOUND", SignIn.SendSignInCodeAsync(new() { SignInToken = token }));
        await RpcAssert.Fails(StatusCode.NotFound, "SIGN_IN_NOT_FOUND", SignIn.VerifySecondFactorAsync(new() { SignInToken = token, SmsCode = sms }));
        await _driver.Password(member.Email, NewPassword);
    }

    [Fact]
    public async Task ResendPasswordResetCode_Within60Seconds_FailsWithResendTooSoon()
    {
        var member = await _driver.Member("reset-soon@muster.test", "+41795550307", "103.007");
        var (token, _) = await StartReset(member);

        _server.Time.Advance(TimeSpan.FromSeconds(59));
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "RESEND_TOO_SOON", SignIn.ResendPasswordResetCodeAsync(new() { ResetToken = token }));
    }

    [Fact]
    public async Task ResendPasswordResetCode_After61Seconds_SendsANewCode_AndTheOldOneDies()
    {
        var member = await _driver.Member("reset-resend@muster.test", "+41795550308", "103.008");
        var (token, oldCode) = await StartReset(member);
        var mailsBefore = _server.Mail.To(member.Email).Count;

        _driver.Registrar.WaitOutResendInterval();
        var now = _server.Time.GetUtcNow().UtcDateTime;
        var resent = await SignIn.ResendPasswordResetCodeAsync(new() { ResetToken = token });

        AssertClose(now + TimeSpan.FromSeconds(60), resent.NextResendTime);
        var newCode = TestCodes.SixDigits(await _server.Mail.WaitForText(member.Email, mailsBefore + 1));
        if (newCode != oldCode)
            await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID", Reset(token, oldCode));
        var challenge = (await Reset(token, newCode)).Challenge;
        Assert.Contains(SecondFactor.Sms, challenge.SecondFactors);
    }

    [Fact]
    public async Task ResendPasswordResetCode_ForAnUnknownAddress_AnswersLikeAKnownOne()
    {
        var reset = await SignIn.StartPasswordResetAsync(new() { Email = "reset-ghost@muster.test" });

        await RpcAssert.Fails(StatusCode.ResourceExhausted, "RESEND_TOO_SOON", SignIn.ResendPasswordResetCodeAsync(new() { ResetToken = reset.ResetToken }));
        _driver.Registrar.WaitOutResendInterval();
        await SignIn.ResendPasswordResetCodeAsync(new() { ResetToken = reset.ResetToken });

        Assert.Empty(_server.Mail.To("reset-ghost@muster.test"));
    }

    [Fact]
    public async Task Reset_After30Minutes_FailsWithSignInExpired()
    {
        var member = await _driver.Member("reset-late@muster.test", "+41795550309", "103.009");
        var (token, code) = await StartReset(member);

        _server.Time.Advance(TimeSpan.FromMinutes(30));

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "SIGN_IN_EXPIRED", Reset(token, code));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "SIGN_IN_EXPIRED", SignIn.ResendPasswordResetCodeAsync(new() { ResetToken = token }));
        await _driver.Password(member.Email);
    }

    [Fact]
    public async Task LockedAddress_CanStillResetItsPassword_AndTheResetLiftsTheLock()
    {
        var member = await _driver.Member("reset-locked@muster.test", "+41795550310", "103.010");
        for (var attempt = 1; attempt < 10; attempt++)
        {
            await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED",
                SignIn.StartSignInAsync(new() { Email = member.Email, Password = "not the password at all" }));
        }
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "SIGN_IN_LOCKED",
            SignIn.StartSignInAsync(new() { Email = member.Email, Password = "not the password at all" }));
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "SIGN_IN_LOCKED",
            SignIn.StartSignInAsync(new() { Email = member.Email, Password = Registrar.Password }));

        var (token, code) = await StartReset(member);
        var challenge = (await Reset(token, code)).Challenge;
        var sms = await _driver.SmsCode(challenge, member.Phone);
        var session = (await SignIn.VerifySecondFactorAsync(new() { SignInToken = token, SmsCode = sms })).Session;

        Assert.Equal(member.PersonId, session.PersonId);
        var next = await _driver.Password(member.Email, NewPassword);
        Assert.False(string.IsNullOrEmpty(next.SignInToken));
    }

    /// <summary>Starts a reset for the member and reads the e-mailed code.</summary>
    private async Task<(string Token, string Code)> StartReset(RegisteredAdmin member)
    {
        var before = _server.Mail.To(member.Email).Count;
        var reset = await SignIn.StartPasswordResetAsync(new() { Email = member.Email });
        var code = TestCodes.SixDigits(await _server.Mail.WaitForText(member.Email, before + 1));
        return (reset.ResetToken, code);
    }

    private AsyncUnaryCall<ResetPasswordResponse> Reset(string token, string code, string password = NewPassword) =>
        SignIn.ResetPasswordAsync(new() { ResetToken = token, Code = code, NewPassword = password });

    private static string WrongCode(string code) => code == "000000" ? "111111" : "000000";

    private static void AssertClose(DateTime expected, Timestamp actual) =>
        Assert.InRange(actual.ToDateTime(), expected - TimeSpan.FromSeconds(1), expected + TimeSpan.FromSeconds(1));
}
