using Connect.V1;
using Google.Rpc;
using Grpc.Core;

namespace Connect.Grpc.Tests.Registration;

public sealed class RegistrationTests : IDisposable
{
    private readonly ConnectServerFactory _server = new();
    private readonly Registrar _registrar;

    public RegistrationTests() => _registrar = new Registrar(_server, _server.CreateChannel());

    private RegistrationService.RegistrationServiceClient Registration => _registrar.Registration;

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task FirstStart_PrintsBootstrapCode_AndOperatorRegistersAsFundAdministrator()
    {
        Assert.Contains("access code", _server.BootstrapOutput);
        var finished = await _registrar.RegisterNew(_server.BootstrapCode, "first@fund.test");

        Assert.Equal(RegistrationState.Finished, finished.Registration.State);
        Assert.Equal("Caisse de compensation", finished.Registration.OrganizationDisplayName);
        Assert.Equal(43, finished.SessionToken.Length);
        // The operator session can call operator RPCs.
        var topics = await _registrar.Organizations.ListTopicsAsync(new(), RpcAssert.Bearer(finished.SessionToken));
        Assert.Equal(["contributions", "family-allowances", "loss-of-earnings", "salary-declarations"], topics.Topics.Select(t => t.Id));
        Assert.All(topics.Topics, t => Assert.False(string.IsNullOrEmpty(t.DisplayName.Fr + t.DisplayName.De + t.DisplayName.It + t.DisplayName.En)));
    }

    [Fact]
    public async Task EveryStep_ReportsItsState_InTheGuidesOrder()
    {
        var started = await Registration.RedeemAccessCodeAsync(new() { AccessCode = _server.BootstrapCode.ToLowerInvariant().Replace("-", " ") });
        var token = started.RegistrationToken;
        Assert.Equal(RegistrationState.EmailRequired, started.Registration.State);

        var submitted = await Registration.SubmitEmailAsync(new() { RegistrationToken = token, Email = "Steps@Fund.Test" });
        Assert.Equal(RegistrationState.EmailCodeSent, submitted.Registration.State);
        Assert.Equal("steps@fund.test", submitted.Registration.Email);
        var mail = await _server.Mail.WaitForText("steps@fund.test");
        Assert.Contains("http://console.test/register/email-link?token=", mail);

        var verified = await Registration.VerifyEmailAsync(new() { RegistrationToken = token, Code = TestCodes.SixDigits(mail) });
        Assert.Equal(RegistrationState.EmailVerified, verified.Registration.State);
        Assert.False(verified.Registration.ExistingPerson);

        var profiled = await Registration.CreateProfileAsync(new()
        {
            RegistrationToken = token, GivenName = " Anna ", FamilyName = "Muster", Password = Registrar.Password, Language = Language.De,
        });
        Assert.Equal(RegistrationState.ProfileCompleted, profiled.Registration.State);

        var sent = await Registration.StartPhoneVerificationAsync(new() { RegistrationToken = token, PhoneNumber = "079 123 45 67" });
        Assert.Equal(RegistrationState.PhoneCodeSent, sent.Registration.State);
        Assert.EndsWith("67", sent.Registration.MaskedPhoneNumber);
        Assert.DoesNotContain("1234", sent.Registration.MaskedPhoneNumber);
        var sms = await _server.Sms.WaitForText("+41791234567");
        Assert.Contains("Code", sms); // German text, the profile's language

        var phoneVerified = await Registration.VerifyPhoneAsync(new() { RegistrationToken = token, Code = TestCodes.SixDigits(sms) });
        Assert.Equal(RegistrationState.PhoneVerified, phoneVerified.Registration.State);

        var finished = await Registration.FinishRegistrationAsync(new() { RegistrationToken = token });
        Assert.Equal(RegistrationState.Finished, finished.Registration.State);
        Assert.True(finished.SessionExpireTime.ToDateTime() > DateTime.UtcNow.AddHours(11));
        Assert.Equal(RegistrationState.Finished, (await Registration.GetRegistrationAsync(new() { RegistrationToken = token })).Registration.State);
    }

    [Fact]
    public async Task EmailLink_VerifiesTheAddress_AndReplacesTheRegistrationToken()
    {
        var token = (await Registration.RedeemAccessCodeAsync(new() { AccessCode = _server.BootstrapCode })).RegistrationToken;
        await Registration.SubmitEmailAsync(new() { RegistrationToken = token, Email = "link@fund.test" });
        var link = TestCodes.LinkToken(await _server.Mail.WaitForText("link@fund.test"));

        var verified = await Registration.VerifyEmailLinkAsync(new() { LinkToken = link });

        Assert.Equal(RegistrationState.EmailVerified, verified.Registration.State);
        Assert.NotEqual(token, verified.RegistrationToken);
        await RpcAssert.Fails(StatusCode.NotFound, "REGISTRATION_NOT_FOUND", Registration.GetRegistrationAsync(new() { RegistrationToken = token }));
        await RpcAssert.Fails(StatusCode.NotFound, "REGISTRATION_NOT_FOUND", Registration.VerifyEmailLinkAsync(new() { LinkToken = link }));
        Assert.Equal(RegistrationState.EmailVerified,
            (await Registration.GetRegistrationAsync(new() { RegistrationToken = verified.RegistrationToken })).Registration.State);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCD-EFGH-JKLM")]
    [InlineData("not a code at all")]
    [InlineData("ABCD-EFGH-JKL")]
    public async Task RedeemAccessCode_WithUnknownOrMistypedCode_FailsWithAccessCodeInvalid(string code)
    {
        _ = _server.BootstrapCode;
        var expected = code.Length == 0 ? "FIELD_INVALID" : "ACCESS_CODE_INVALID";
        var status = code.Length == 0 ? StatusCode.InvalidArgument : StatusCode.NotFound;
        await RpcAssert.Fails(status, expected, Registration.RedeemAccessCodeAsync(new() { AccessCode = code }));
    }

    [Fact]
    public async Task RedeemAccessCode_WithUsedCode_FailsWithAccessCodeInvalid()
    {
        await _registrar.RegisterNew(_server.BootstrapCode, "used@fund.test");
        await RpcAssert.Fails(StatusCode.NotFound, "ACCESS_CODE_INVALID", Registration.RedeemAccessCodeAsync(new() { AccessCode = _server.BootstrapCode }));
    }

    [Fact]
    public async Task RedeemAccessCode_WithRevokedCode_FailsWithAccessCodeInvalid()
    {
        var operatorToken = await _registrar.Operator();
        var organization = await _registrar.Organization(operatorToken, "100.200");
        var letter = await _registrar.Letter(operatorToken, organization.Id);
        var inProgress = (await Registration.RedeemAccessCodeAsync(new() { AccessCode = letter.AccessCode })).RegistrationToken;

        await _registrar.Invitations.RevokeInvitationAsync(new() { Id = letter.Invitation.Id }, RpcAssert.Bearer(operatorToken));

        await RpcAssert.Fails(StatusCode.NotFound, "ACCESS_CODE_INVALID", Registration.RedeemAccessCodeAsync(new() { AccessCode = letter.AccessCode }));
        // A registration started before the revocation dies with it.
        await RpcAssert.Fails(StatusCode.NotFound, "ACCESS_CODE_INVALID",
            Registration.SubmitEmailAsync(new() { RegistrationToken = inProgress, Email = "late@muster.test" }));
    }

    [Fact]
    public async Task StepOutOfOrder_FailsWithRegistrationStepInvalid()
    {
        var token = (await Registration.RedeemAccessCodeAsync(new() { AccessCode = _server.BootstrapCode })).RegistrationToken;
        var status = await RpcAssert.Fails(StatusCode.FailedPrecondition, "REGISTRATION_STEP_INVALID",
            Registration.VerifyPhoneAsync(new() { RegistrationToken = token, Code = "123456" }));
        Assert.Equal("EmailRequired", status.GetDetail<ErrorInfo>()!.Metadata["step"]);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "REGISTRATION_STEP_INVALID",
            Registration.FinishRegistrationAsync(new() { RegistrationToken = token }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "REGISTRATION_STEP_INVALID",
            Registration.CreateProfileAsync(new() { RegistrationToken = token, GivenName = "A", FamilyName = "B", Password = Registrar.Password }));
    }

    [Fact]
    public async Task RepeatedStep_FailsWithRegistrationStepInvalid()
    {
        var (token, _) = await _registrar.VerifiedEmail(_server.BootstrapCode, "repeat@fund.test");
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "REGISTRATION_STEP_INVALID",
            Registration.VerifyEmailAsync(new() { RegistrationToken = token, Code = "123456" }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "REGISTRATION_STEP_INVALID",
            Registration.SubmitEmailAsync(new() { RegistrationToken = token, Email = "other@fund.test" }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "REGISTRATION_STEP_INVALID",
            Registration.ConfirmExistingPersonAsync(new() { RegistrationToken = token, Password = Registrar.Password }));
    }

    [Fact]
    public async Task UnknownRegistrationToken_FailsWithRegistrationNotFound()
    {
        await RpcAssert.Fails(StatusCode.NotFound, "REGISTRATION_NOT_FOUND",
            Registration.GetRegistrationAsync(new() { RegistrationToken = "x".PadRight(43, 'x') }));
        await RpcAssert.Fails(StatusCode.NotFound, "REGISTRATION_NOT_FOUND",
            Registration.GetRegistrationAsync(new() { RegistrationToken = new string('x', 5000) }));
    }

    [Fact]
    public async Task WrongEmailCodeFiveTimes_KillsTheCode_ThenANewCodeWorks()
    {
        var token = (await Registration.RedeemAccessCodeAsync(new() { AccessCode = _server.BootstrapCode })).RegistrationToken;
        await Registration.SubmitEmailAsync(new() { RegistrationToken = token, Email = "wrong@fund.test" });
        var right = TestCodes.SixDigits(await _server.Mail.WaitForText("wrong@fund.test"));
        var wrong = right == "000000" ? "111111" : "000000";

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var status = await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
                Registration.VerifyEmailAsync(new() { RegistrationToken = token, Code = wrong }));
            Assert.Equal((5 - attempt).ToString(), status.GetDetail<ErrorInfo>()!.Metadata["attempts_left"]);
        }
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS",
            Registration.VerifyEmailAsync(new() { RegistrationToken = token, Code = wrong }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS",
            Registration.VerifyEmailAsync(new() { RegistrationToken = token, Code = right }));
    }

    [Fact]
    public async Task ResendInsideSixtySeconds_FailsWithResendTooSoon_AndRetryInfo()
    {
        var token = (await Registration.RedeemAccessCodeAsync(new() { AccessCode = _server.BootstrapCode })).RegistrationToken;
        await Registration.SubmitEmailAsync(new() { RegistrationToken = token, Email = "soon@fund.test" });

        var status = await RpcAssert.Fails(StatusCode.ResourceExhausted, "RESEND_TOO_SOON",
            Registration.ResendEmailCodeAsync(new() { RegistrationToken = token }));
        var retry = status.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan();
        Assert.InRange(retry, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "RESEND_TOO_SOON",
            Registration.SubmitEmailAsync(new() { RegistrationToken = token, Email = "soon@fund.test" }));
    }

    [Fact]
    public async Task ConfiguredResendInterval_IsTheWaitBetweenTwoCodes()
    {
        using var server = new ConnectServerFactory(settings: new Dictionary<string, string?> { ["Connect:Security:CodeResendInterval"] = "00:00:05" });
        var registration = new RegistrationService.RegistrationServiceClient(server.CreateChannel());
        var token = (await registration.RedeemAccessCodeAsync(new() { AccessCode = server.BootstrapCode })).RegistrationToken;
        await registration.SubmitEmailAsync(new() { RegistrationToken = token, Email = "interval@fund.test" });

        var status = await RpcAssert.Fails(StatusCode.ResourceExhausted, "RESEND_TOO_SOON",
            registration.ResendEmailCodeAsync(new() { RegistrationToken = token }));
        Assert.InRange(status.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        server.Time.Advance(TimeSpan.FromSeconds(5));
        await registration.ResendEmailCodeAsync(new() { RegistrationToken = token });
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("01:00:01")]
    public void ResendIntervalOutsideOneSecondToOneHour_StopsTheServerAtStart(string interval)
    {
        using var server = new ConnectServerFactory(settings: new Dictionary<string, string?> { ["Connect:Security:CodeResendInterval"] = interval });

        var refused = Assert.ThrowsAny<Exception>(() => server.Server);
        Assert.Contains("Connect:Security:CodeResendInterval", refused.ToString());
    }

    [Theory]
    [InlineData("not-an-address", "email")]
    [InlineData("a@b", "email")]
    [InlineData("", "email")]
    public async Task SubmitEmail_WithBadAddress_FailsWithFieldInvalid(string email, string field)
    {
        var token = (await Registration.RedeemAccessCodeAsync(new() { AccessCode = _server.BootstrapCode })).RegistrationToken;
        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Registration.SubmitEmailAsync(new() { RegistrationToken = token, Email = email }));
        Assert.Equal(field, status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
        Assert.Equal(RegistrationState.EmailRequired, (await Registration.GetRegistrationAsync(new() { RegistrationToken = token })).Registration.State);
    }

    [Fact]
    public async Task SubmitEmail_WithOversizedAddress_FailsWithFieldInvalid()
    {
        var token = (await Registration.RedeemAccessCodeAsync(new() { AccessCode = _server.BootstrapCode })).RegistrationToken;
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Registration.SubmitEmailAsync(new() { RegistrationToken = token, Email = new string('a', 250) + "@example.ch" }));
    }

    [Theory]
    [InlineData("short-pass", "PASSWORD_TOO_SHORT")]
    [InlineData("qwerty123456", "PASSWORD_TOO_COMMON")]
    [InlineData("QAZWSXEDCRFV", "PASSWORD_TOO_COMMON")]
    public async Task CreateProfile_WithWeakPassword_FailsAndKeepsTheStep(string password, string reason)
    {
        var (token, _) = await _registrar.VerifiedEmail(_server.BootstrapCode, "weak@fund.test");
        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, reason, Registration.CreateProfileAsync(new()
        {
            RegistrationToken = token, GivenName = "Anna", FamilyName = "Muster", Password = password,
        }));
        Assert.Equal("password", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
        Assert.Equal(RegistrationState.EmailVerified, (await Registration.GetRegistrationAsync(new() { RegistrationToken = token })).Registration.State);
    }

    [Fact]
    public async Task CreateProfile_WithOversizedPasswordOrNames_FailsWithTheirReasons()
    {
        var (token, _) = await _registrar.VerifiedEmail(_server.BootstrapCode, "big@fund.test");
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PASSWORD_TOO_LONG", Registration.CreateProfileAsync(new()
        {
            RegistrationToken = token, GivenName = "Anna", FamilyName = "Muster", Password = new string('p', 129),
        }));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Registration.CreateProfileAsync(new()
        {
            RegistrationToken = token, GivenName = new string('A', 101), FamilyName = "Muster", Password = Registrar.Password,
        }));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Registration.CreateProfileAsync(new()
        {
            RegistrationToken = token, GivenName = "An\u0007na", FamilyName = "Muster", Password = Registrar.Password,
        }));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Registration.CreateProfileAsync(new()
        {
            RegistrationToken = token, GivenName = "Anna", FamilyName = "  ", Password = Registrar.Password,
        }));
    }

    [Theory]
    [InlineData("12", "PHONE_NUMBER_INVALID")]
    [InlineData("hello", "PHONE_NUMBER_INVALID")]
    [InlineData("+41 31 390 23 25", "PHONE_NUMBER_INVALID")] // a Swiss landline: no SMS
    [InlineData("+1 202 555 0143", "PHONE_COUNTRY_NOT_ALLOWED")]
    [InlineData("+44 7400 123456", "PHONE_COUNTRY_NOT_ALLOWED")]
    [InlineData("+41 79 123 45 67 89 01 23 45 67 89 01 23 45", "PHONE_NUMBER_INVALID")]
    public async Task StartPhoneVerification_WithInvalidOrDisallowedNumber_Fails(string number, string reason)
    {
        var (token, _) = await _registrar.VerifiedEmail(_server.BootstrapCode, "phone@fund.test");
        await Registration.CreateProfileAsync(new() { RegistrationToken = token, GivenName = "A", FamilyName = "B", Password = Registrar.Password });

        await RpcAssert.Fails(StatusCode.InvalidArgument, reason,
            Registration.StartPhoneVerificationAsync(new() { RegistrationToken = token, PhoneNumber = number }));
        Assert.Equal(RegistrationState.ProfileCompleted, (await Registration.GetRegistrationAsync(new() { RegistrationToken = token })).Registration.State);
    }

    [Fact]
    public async Task FailedRegistrations_LeaveNoPersonAndAUsableInvitation()
    {
        // A registration that fails at every step it can...
        var (token, _) = await _registrar.VerifiedEmail(_server.BootstrapCode, "again@fund.test");
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PASSWORD_TOO_SHORT",
            Registration.CreateProfileAsync(new() { RegistrationToken = token, GivenName = "A", FamilyName = "B", Password = "x" }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "REGISTRATION_STEP_INVALID",
            Registration.FinishRegistrationAsync(new() { RegistrationToken = token }));

        // ...leaves the access code and the address free: the same person registers afterwards.
        var finished = await _registrar.RegisterNew(_server.BootstrapCode, "again@fund.test");
        Assert.Equal(RegistrationState.Finished, finished.Registration.State);
    }

    [Fact]
    public async Task TwoRegistrationsWithOneCode_OnlyTheFirstToFinishWins()
    {
        var (second, _) = await _registrar.VerifiedEmail(_server.BootstrapCode, "second@fund.test");
        await _registrar.RegisterNew(_server.BootstrapCode, "first@fund.test");

        await RpcAssert.Fails(StatusCode.NotFound, "ACCESS_CODE_INVALID",
            Registration.CreateProfileAsync(new() { RegistrationToken = second, GivenName = "A", FamilyName = "B", Password = Registrar.Password }));
    }
}
