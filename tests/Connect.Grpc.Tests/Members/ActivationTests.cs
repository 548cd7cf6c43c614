using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Members;

/// <summary>A new person chooses their password with the activation e-mail's code, then signs in with the verified number.</summary>
public sealed class ActivationTests : IClassFixture<ClassServer>
{
    private const string Password = "a long and private passphrase";

    private readonly ConnectServerFactory _server;
    private readonly MemberDriver _driver;

    public ActivationTests(ClassServer shared)
    {
        _server = shared.Server;
        _driver = new MemberDriver(_server, shared.Channel);
    }

    private ActivationService.ActivationServiceClient Activation => _driver.Activation;

    [Fact]
    public async Task FirstSignIn_RightAfterTheNumberWasVerified_NeedsNoWaitForTheSmsCode()
    {
        var admin = await _driver.Admin("nowait-admin@muster.test", "+41795580191", "401.091");
        var member = await _driver.Active(admin, MemberDriver.Request("nowait@muster.test", "+41795580192"), Password);

        // Two seconds later, well within 60: the verification code was used, so the wait does not apply to the next one.
        // (The outbox orders SMS by their time, so the two must not share it.)
        _server.Time.Advance(TimeSpan.FromSeconds(2));
        var challenge = await _driver.SignIn.Password("nowait@muster.test", Password);
        await _driver.SignIn.SignIn.SendSignInCodeAsync(new() { SignInToken = challenge.SignInToken });
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795580192", 2));
        var session = await _driver.SignIn.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = code });
        Assert.Equal(admin.OrganizationId, session.Session.OrganizationId);
        Assert.Equal(member.PersonId, session.Session.PersonId);

        // A code still waiting to be typed keeps the wait.
        var second = await _driver.SignIn.Password("nowait@muster.test", Password);
        await _driver.SignIn.SignIn.SendSignInCodeAsync(new() { SignInToken = second.SignInToken });
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "RESEND_TOO_SOON",
            _driver.SignIn.SignIn.SendSignInCodeAsync(new() { SignInToken = second.SignInToken }));
    }

    [Fact]
    public async Task Activation_EndToEnd_ThePersonChoosesAPassword_AndSignsInWithTheVerifiedNumber()
    {
        var admin = await _driver.Admin("e2e-admin@muster.test", "+41795580101", "401.001", "Muster AG", Language.De, "contributions", "family-allowances");
        var member = await _driver.Verified(admin, MemberDriver.Request("e2e@muster.test", "+41795580102", "Berta", "Beispiel",
            topicIds: ["family-allowances"]));
        var code = await _driver.ActivationCode("e2e@muster.test", 1);
        var now = _server.Time.GetUtcNow().UtcDateTime;

        var activation = await Activation.GetActivationAsync(new() { ActivationCode = code });
        Assert.Equal("e2e@muster.test", activation.Email);
        Assert.Equal("Berta", activation.GivenName);
        Assert.Equal(new[] { "Muster AG" }, activation.OrganizationNames);
        Assert.InRange((activation.ExpireTime.ToDateTime() - now).TotalDays, 13.99, 14.01);
        // The code is read without regard to case, spaces and hyphens.
        var sloppy = await Activation.GetActivationAsync(new() { ActivationCode = " " + code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant() + " " });
        Assert.Equal("e2e@muster.test", sloppy.Email);

        var activated = await Activation.ActivateAsync(new() { ActivationCode = code, Password = Password });
        Assert.Equal("e2e@muster.test", activated.Email);
        Assert.Equal(MemberState.Active, (await _driver.Get(admin, member.Id)).State);

        var challenge = (await _driver.SignIn.SignIn.StartSignInAsync(new() { Email = "e2e@muster.test", Password = Password })).Challenge;
        Assert.Contains(SecondFactor.Sms, challenge.SecondFactors);
        Assert.EndsWith("02", challenge.MaskedPhoneNumber);
        var sms = await _driver.SignIn.SmsCode(challenge, "+41795580102");
        var session = (await _driver.SignIn.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = sms })).Session;
        Assert.Equal(admin.OrganizationId, session.OrganizationId);
        Assert.Equal(_driver.PersonIdOf("e2e@muster.test"), session.PersonId);

        var me = await _driver.SignIn.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(session.SessionToken));
        Assert.Equal("Muster AG", me.OrganizationDisplayName);
        Assert.False(me.Administrator);
        Assert.Equal(new[] { "family-allowances" }, me.TopicIds);
        Assert.Equal(("Berta", "Beispiel"), (me.GivenName, me.FamilyName));
    }

    [Fact]
    public async Task SignIn_BeforeActivation_FailsWithSignInFailed_ForAnyPassword()
    {
        var admin = await _driver.Admin("before-admin@muster.test", "+41795580111", "401.002");
        await _driver.Verified(admin, MemberDriver.Request("before@muster.test", "+41795580112"));

        foreach (var password in new[] { Password, Registrar.Password, "something else entirely" })
        {
            await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED",
                _driver.SignIn.SignIn.StartSignInAsync(new() { Email = "before@muster.test", Password = password }));
        }
        Assert.Single(_server.Sms.To("+41795580112")); // only the verification code
    }

    [Fact]
    public async Task SignIn_OfAPendingPhoneMember_FailsWithSignInFailed()
    {
        var admin = await _driver.Admin("pending-admin@muster.test", "+41795580121", "401.003");
        await _driver.Create(admin, MemberDriver.Request("pending@muster.test", "+41795580122"));

        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED",
            _driver.SignIn.SignIn.StartSignInAsync(new() { Email = "pending@muster.test", Password = Password }));
    }

    [Theory]
    [InlineData("ABCD-EFGH-JKMN")]
    [InlineData("0000-0000-0000")]
    [InlineData("not a code")]
    [InlineData("")]
    public async Task UnknownCode_FailsWithActivationCodeInvalid(string code)
    {
        var admin = await _driver.Admin(_server.Unique("unknown-admin@muster.test"), _server.UniquePhone(), _server.Unique("401.004"));
        await _driver.Verified(admin, MemberDriver.Request(_server.Unique("unknown@muster.test"), "+41795580132"));

        await RpcAssert.Fails(StatusCode.NotFound, "ACTIVATION_CODE_INVALID", Activation.GetActivationAsync(new() { ActivationCode = code }));
        await RpcAssert.Fails(StatusCode.NotFound, "ACTIVATION_CODE_INVALID", Activation.ActivateAsync(new() { ActivationCode = code, Password = Password }));
    }

    [Fact]
    public async Task ExpiredCode_FailsWithActivationCodeExpired_AndANewOneWorks()
    {
        var admin = await _driver.Admin("expired-admin@muster.test", "+41795580141", "401.005");
        var member = await _driver.Verified(admin, MemberDriver.Request("expired@muster.test", "+41795580142"));
        var code = await _driver.ActivationCode("expired@muster.test", 1);

        _server.Time.Advance(TimeSpan.FromDays(15));

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ACTIVATION_CODE_EXPIRED", Activation.GetActivationAsync(new() { ActivationCode = code }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ACTIVATION_CODE_EXPIRED",
            Activation.ActivateAsync(new() { ActivationCode = code, Password = Password }));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED",
            _driver.SignIn.SignIn.StartSignInAsync(new() { Email = "expired@muster.test", Password = Password }));

        // The administrator (signed in again: their session has long ended) sends a new one.
        var again = admin with { SessionToken = (await _driver.SignIn.WithSms(admin)).Session.SessionToken };
        Assert.Equal(MemberState.PendingActivation, (await _driver.Get(again, member.Id)).State);
        await _driver.Members.ResendActivationAsync(new() { MemberId = member.Id }, MemberDriver.As(again));
        var fresh = await _driver.ActivationCode("expired@muster.test", 2);
        await Activation.ActivateAsync(new() { ActivationCode = fresh, Password = Password });
        Assert.Equal(MemberState.Active, (await _driver.Get(again, member.Id)).State);
    }

    [Fact]
    public async Task ExpiryIsAfter14Days()
    {
        var admin = await _driver.Admin("fourteen-admin@muster.test", "+41795580151", "401.006");
        await _driver.Verified(admin, MemberDriver.Request("fourteen@muster.test", "+41795580152"));
        var code = await _driver.ActivationCode("fourteen@muster.test", 1);

        _server.Time.Advance(TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1));
        Assert.Equal("fourteen@muster.test", (await Activation.GetActivationAsync(new() { ActivationCode = code })).Email);
        _server.Time.Advance(TimeSpan.FromMinutes(1));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ACTIVATION_CODE_EXPIRED", Activation.GetActivationAsync(new() { ActivationCode = code }));
    }

    [Fact]
    public async Task WeakPassword_IsRefused_AndTheCodeStaysUsable()
    {
        var admin = await _driver.Admin("weak-admin@muster.test", "+41795580161", "401.007");
        var member = await _driver.Verified(admin, MemberDriver.Request("weak@muster.test", "+41795580162"));
        var code = await _driver.ActivationCode("weak@muster.test", 1);

        await RpcAssert.Fails(StatusCode.InvalidArgument, "PASSWORD_TOO_SHORT", Activation.ActivateAsync(new() { ActivationCode = code, Password = "short" }));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PASSWORD_TOO_SHORT",
            Activation.ActivateAsync(new() { ActivationCode = code, Password = new string('x', 11) }));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PASSWORD_TOO_LONG",
            Activation.ActivateAsync(new() { ActivationCode = code, Password = new string('x', 129) }));

        Assert.Equal(MemberState.PendingActivation, (await _driver.Get(admin, member.Id)).State);
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED",
            _driver.SignIn.SignIn.StartSignInAsync(new() { Email = "weak@muster.test", Password = "short" }));
        await Activation.ActivateAsync(new() { ActivationCode = code, Password = Password });
        Assert.Equal(MemberState.Active, (await _driver.Get(admin, member.Id)).State);
    }

    [Fact]
    public async Task CodeUsedTwice_FailsWithActivationCodeInvalid_AndThePasswordStays()
    {
        var admin = await _driver.Admin("twice-admin@muster.test", "+41795580171", "401.008");
        await _driver.Verified(admin, MemberDriver.Request("twice@muster.test", "+41795580172"));
        var code = await _driver.ActivationCode("twice@muster.test", 1);
        await Activation.ActivateAsync(new() { ActivationCode = code, Password = Password });

        await RpcAssert.Fails(StatusCode.NotFound, "ACTIVATION_CODE_INVALID",
            Activation.ActivateAsync(new() { ActivationCode = code, Password = "another long passphrase" }));
        await RpcAssert.Fails(StatusCode.NotFound, "ACTIVATION_CODE_INVALID", Activation.GetActivationAsync(new() { ActivationCode = code }));

        await _driver.SignIn.Password("twice@muster.test", Password);
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED",
            _driver.SignIn.SignIn.StartSignInAsync(new() { Email = "twice@muster.test", Password = "another long passphrase" }));
    }

    [Fact]
    public async Task ActivationTries_AreThrottledPerClientAddress()
    {
        using var server = new ConnectServerFactory(settings: new Dictionary<string, string?> { ["Connect:Security:AttemptsPerAddressPerMinute"] = "5" });
        var driver = new MemberDriver(server, server.CreateChannel());
        var admin = await driver.Admin("throttle-admin@muster.test", "+41795580191", "401.011");
        await driver.Verified(admin, MemberDriver.Request("throttle@muster.test", "+41795580192"));
        var code = await driver.ActivationCode("throttle@muster.test", 1);
        server.Time.Advance(TimeSpan.FromMinutes(1));

        for (var i = 0; i < 5; i++)
        {
            await RpcAssert.Fails(StatusCode.NotFound, "ACTIVATION_CODE_INVALID",
                driver.Activation.GetActivationAsync(new() { ActivationCode = $"ABCD-EFGH-JK{i:00}" }));
        }
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "RATE_LIMITED", driver.Activation.GetActivationAsync(new() { ActivationCode = code }));
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "RATE_LIMITED",
            driver.Activation.ActivateAsync(new() { ActivationCode = code, Password = Password }));

        server.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("throttle@muster.test", (await driver.Activation.ActivateAsync(new() { ActivationCode = code, Password = Password })).Email);
    }

    [Fact]
    public async Task APersonPendingInTwoOrganizations_IsActivatedInBothWithTheLatestCode()
    {
        var first = await _driver.Admin("two-a@muster.test", "+41795580181", "401.009", "Alpha AG");
        var second = await _driver.Admin("two-b@muster.test", "+41795580182", "401.010", "Beta AG");
        var inFirst = await _driver.Verified(first, MemberDriver.Request("two@muster.test", "+41795580183"));
        var firstCode = await _driver.ActivationCode("two@muster.test", 1);
        _driver.Registrar.WaitOutResendInterval();
        var inSecond = await _driver.Verified(second, MemberDriver.Request("two@muster.test", "+41795580183"));
        Assert.Equal(MemberState.PendingActivation, inSecond.State);
        Assert.Equal(inFirst.PersonId, inSecond.PersonId);
        var secondCode = await _driver.ActivationCode("two@muster.test", 2);

        await RpcAssert.Fails(StatusCode.NotFound, "ACTIVATION_CODE_INVALID", Activation.GetActivationAsync(new() { ActivationCode = firstCode }));
        var activation = await Activation.GetActivationAsync(new() { ActivationCode = secondCode });
        Assert.Equal(new[] { "Alpha AG", "Beta AG" }, activation.OrganizationNames);
        await Activation.ActivateAsync(new() { ActivationCode = secondCode, Password = Password });

        Assert.Equal(MemberState.Active, (await _driver.Get(first, inFirst.Id)).State);
        Assert.Equal(MemberState.Active, (await _driver.Get(second, inSecond.Id)).State);
        var challenge = await _driver.SignIn.Password("two@muster.test", Password);
        var sms = await _driver.SignIn.SmsCode(challenge, "+41795580183");
        var outcome = await _driver.SignIn.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = sms });
        Assert.Equal(new[] { "Alpha AG", "Beta AG" }, outcome.Organizations.Select(o => o.DisplayName));
    }
}
