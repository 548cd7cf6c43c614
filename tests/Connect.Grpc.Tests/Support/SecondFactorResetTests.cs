using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Support;

/// <summary>
/// A lost phone: support resets the second factors with a reason; every session and sign-in in progress ends, and the
/// next sign-in verifies a new mobile number before anything else.
/// </summary>
public sealed class SecondFactorResetTests : IClassFixture<ClassServer>
{
    private const string NewPhone = "+41795667788";

    private readonly ConnectServerFactory _server;
    private readonly SupportDriver _driver;

    public SecondFactorResetTests(ClassServer shared)
    {
        _server = shared.Server;
        _driver = new SupportDriver(_server, shared.Channel);
    }

    private SignInService.SignInServiceClient SignIn => _driver.People.SignIn;

    /// <summary>An administrator with an authenticator app and recovery codes besides the verified number.</summary>
    private async Task<(RegisteredAdmin Anna, string Secret, IReadOnlyList<string> RecoveryCodes)> AnnaWithEveryFactor(string email, string phone, string affiliateNumber)
    {
        var anna = await _driver.Members.Admin(email, phone, affiliateNumber);
        var secret = await _driver.People.EnrolAuthenticator(anna.SessionToken);
        var codes = (await _driver.People.Account.CreateRecoveryCodesAsync(new() { Password = Registrar.Password }, MemberDriver.As(anna))).RecoveryCodes;
        return (anna, secret, codes);
    }

    private async Task<int> Reset(string personId, string reason = "Phone lost; identity checked by call-back") =>
        (await _driver.Support.ResetSecondFactorAsync(new() { PersonId = personId, Reason = reason }, await _driver.Operator())).EndedSessions;

    /// <summary>The events with the action done to or by the person (the class's server holds other tests' people too).</summary>
    private Task<List<Domain.AuditEvent>> Events(string action, string personId) =>
        Task.FromResult(_server.Stored<Domain.AuditEvent>()
            .Where(e => e.Action == action && (e.TargetId == personId || e.ActorPersonId == personId)).ToList());

    [Fact]
    public async Task ResetSecondFactor_WithoutAReason_FailsWithFieldInvalid_AndChangesNothing()
    {
        var (anna, _, _) = await AnnaWithEveryFactor("noreason@muster.test", "+41795660101", "603.001");
        var before = await _driver.Person(anna.PersonId);
        var operatorToken = await _driver.Operator();

        foreach (var reason in new[] { "", "   ", new string('r', 501), "line\u0007bell" })
            await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
                _driver.Support.ResetSecondFactorAsync(new() { PersonId = anna.PersonId, Reason = reason }, operatorToken));
        await RpcAssert.Fails(StatusCode.NotFound, "PERSON_NOT_FOUND",
            _driver.Support.ResetSecondFactorAsync(new() { PersonId = "0123456789abcdef0123456789abcdef", Reason = "lost phone" }, operatorToken));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            _driver.Support.ResetSecondFactorAsync(new() { PersonId = "", Reason = "lost phone" }, operatorToken));

        Assert.Equal(before, await _driver.Person(anna.PersonId));
        Assert.Equal(anna.Email, (await _driver.People.Sessions.WhoAmIAsync(new(), MemberDriver.As(anna))).Email);
        Assert.Empty(await Events("person.second_factor_reset", anna.PersonId));
    }

    [Fact]
    public async Task ResetSecondFactor_RemovesEveryFactor_EndsSessionsAndTheSignInInProgress_AuditsTheReason_AndMailsThePerson()
    {
        var (anna, secret, _) = await AnnaWithEveryFactor("reset@muster.test", "+41795660111", "603.011");
        var second = (await _driver.People.WithSms(anna)).Session.SessionToken;
        var inFlight = await _driver.People.Password(anna.Email);
        var code = await _driver.People.SmsCode(inFlight, anna.Phone);
        var mailsBefore = _server.Mail.To(anna.Email).Count;

        var ended = await Reset(anna.PersonId, "Phone stolen; identity checked by call-back");

        Assert.Equal(2, ended);
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", _driver.People.Sessions.WhoAmIAsync(new(), MemberDriver.As(anna)));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", _driver.People.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(second)));
        await RpcAssert.Fails(StatusCode.NotFound, "SIGN_IN_NOT_FOUND",
            SignIn.VerifySecondFactorAsync(new() { SignInToken = inFlight.SignInToken, SmsCode = code }));
        await RpcAssert.Fails(StatusCode.NotFound, "SIGN_IN_NOT_FOUND",
            SignIn.VerifySecondFactorAsync(new() { SignInToken = inFlight.SignInToken, AuthenticatorCode = _driver.People.Totp(secret) }));

        var factors = (await _driver.Person(anna.PersonId)).SecondFactors;
        Assert.Equal(("", false, 0, true), (factors.PhoneNumber, factors.Authenticator, factors.RecoveryCodesLeft, factors.PhoneNumberRequired));

        var audited = Assert.Single(await Events("person.second_factor_reset", anna.PersonId));
        Assert.Equal(await _driver.OperatorId(), audited.ActorPersonId);
        Assert.Equal(("person", anna.PersonId), (audited.TargetType, audited.TargetId));
        Assert.Equal("Phone stolen; identity checked by call-back", audited.Details["reason"]);
        Assert.Equal("2", audited.Details["ended_sessions"]);
        Assert.Equal("true", audited.Details["authenticator"]);
        Assert.Equal("10", audited.Details["recovery_codes"]);
        Assert.EndsWith("11", audited.Details["phone_number"]);
        Assert.DoesNotContain("79566", audited.Details["phone_number"]);

        var mail = await _server.Mail.WaitForText(anna.Email, mailsBefore + 1);
        Assert.Contains("Votre second facteur a été réinitialisé", mail);
        Assert.Contains("nouveau numéro de portable", mail);
    }

    [Fact]
    public async Task SignIn_AfterAReset_MustVerifyANewNumber_BeforeASession_ThenUsesIt()
    {
        var (anna, secret, recoveryCodes) = await AnnaWithEveryFactor("enrol@muster.test", "+41795660121", "603.021");
        await Reset(anna.PersonId);
        var smsToTheLostPhone = _server.Sms.To(anna.Phone).Count;

        var challenge = await _driver.People.Password(anna.Email);
        Assert.True(challenge.PhoneNumberRequired);
        Assert.Empty(challenge.SecondFactors);
        Assert.Equal("", challenge.MaskedPhoneNumber);
        var token = challenge.SignInToken;

        // Nothing but an SMS code to a new, valid number of an allowed country.
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", SignIn.SendSignInCodeAsync(new() { SignInToken = token }));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PHONE_NUMBER_INVALID", SignIn.SendSignInCodeAsync(new() { SignInToken = token, PhoneNumber = "12" }));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PHONE_NUMBER_INVALID",
            SignIn.SendSignInCodeAsync(new() { SignInToken = token, PhoneNumber = "031 390 23 25" }));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PHONE_COUNTRY_NOT_ALLOWED",
            SignIn.SendSignInCodeAsync(new() { SignInToken = token, PhoneNumber = "+1 202 555 0143" }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "SECOND_FACTOR_UNAVAILABLE",
            SignIn.VerifySecondFactorAsync(new() { SignInToken = token, AuthenticatorCode = _driver.People.Totp(secret) }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "SECOND_FACTOR_UNAVAILABLE",
            SignIn.VerifySecondFactorAsync(new() { SignInToken = token, RecoveryCode = recoveryCodes[0] }));
        Assert.Equal(smsToTheLostPhone, _server.Sms.To(anna.Phone).Count);

        _driver.People.Registrar.WaitOutResendInterval();
        var smsToTheNewPhone = _server.Sms.To(NewPhone).Count;
        var sent = await SignIn.SendSignInCodeAsync(new() { SignInToken = token, PhoneNumber = "079 566 77 88" });
        Assert.EndsWith("88", sent.MaskedPhoneNumber);
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText(NewPhone, smsToTheNewPhone + 1));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
            SignIn.VerifySecondFactorAsync(new() { SignInToken = token, SmsCode = code == "000000" ? "111111" : "000000" }));
        Assert.True((await _driver.Person(anna.PersonId)).SecondFactors.PhoneNumberRequired);

        var session = (await SignIn.VerifySecondFactorAsync(new() { SignInToken = token, SmsCode = code })).Session;
        Assert.Equal(anna.PersonId, session.PersonId);
        Assert.Equal(anna.Email, (await _driver.People.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(session.SessionToken))).Email);
        var factors = (await _driver.Person(anna.PersonId)).SecondFactors;
        Assert.Equal((NewPhone, false), (factors.PhoneNumber, factors.PhoneNumberRequired));
        var enrolled = Assert.Single(await Events("person.phone_enrolled", anna.PersonId));
        Assert.Equal(anna.PersonId, enrolled.ActorPersonId);
        Assert.EndsWith("88", enrolled.Details["phone_number"]);
        Assert.DoesNotContain("7788", enrolled.Details["phone_number"]);

        // The following sign-in is the usual one, by SMS to the new number; a number given now is refused.
        var next = await _driver.People.Password(anna.Email);
        Assert.False(next.PhoneNumberRequired);
        Assert.Equal([SecondFactor.Sms], next.SecondFactors);
        Assert.EndsWith("88", next.MaskedPhoneNumber);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            SignIn.SendSignInCodeAsync(new() { SignInToken = next.SignInToken, PhoneNumber = NewPhone }));
        var nextCode = await _driver.People.SmsCode(next, NewPhone);
        Assert.NotNull((await SignIn.VerifySecondFactorAsync(new() { SignInToken = next.SignInToken, SmsCode = nextCode })).Session);
    }

    [Fact]
    public async Task PasswordReset_AfterASecondFactorReset_LeadsToTheSameEnrolment()
    {
        var anna = await _driver.Members.Admin("forgot@muster.test", "+41795660131", "603.031");
        var mailsBefore = _server.Mail.To(anna.Email).Count;
        await Reset(anna.PersonId);
        await _server.Mail.WaitForText(anna.Email, ++mailsBefore);
        _server.Time.Advance(TimeSpan.FromSeconds(1));
        const string newPassword = "a new passphrase after the lost phone";

        var started = await SignIn.StartPasswordResetAsync(new() { Email = anna.Email });
        var resetCode = TestCodes.SixDigits(await _server.Mail.WaitForText(anna.Email, mailsBefore + 1));
        var challenge = (await SignIn.ResetPasswordAsync(new() { ResetToken = started.ResetToken, Code = resetCode, NewPassword = newPassword })).Challenge;
        Assert.True(challenge.PhoneNumberRequired);
        Assert.Empty(challenge.SecondFactors);

        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", SignIn.SendSignInCodeAsync(new() { SignInToken = challenge.SignInToken }));
        _driver.People.Registrar.WaitOutResendInterval();
        var smsToTheNewPhone = _server.Sms.To(NewPhone).Count;
        await SignIn.SendSignInCodeAsync(new() { SignInToken = challenge.SignInToken, PhoneNumber = NewPhone });
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText(NewPhone, smsToTheNewPhone + 1));
        var session = (await SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = code })).Session;
        Assert.Equal(anna.PersonId, session.PersonId);

        var factors = (await _driver.Person(anna.PersonId)).SecondFactors;
        Assert.Equal((NewPhone, false), (factors.PhoneNumber, factors.PhoneNumberRequired));
        var next = await _driver.People.Password(anna.Email, newPassword);
        Assert.Equal([SecondFactor.Sms], next.SecondFactors);
    }

    [Fact]
    public async Task AnExistingPersonsRegistration_AfterAReset_AsksForASignInFirst()
    {
        var anna = await _driver.Members.Admin("registers@muster.test", "+41795660141", "603.041");
        var mailsBefore = _server.Mail.To(anna.Email).Count;
        await Reset(anna.PersonId);
        // The reset is mailed to her after the call answers: once it is in, the registration's code is the next e-mail.
        await _server.Mail.WaitForText(anna.Email, mailsBefore + 1);
        var operatorToken = await _driver.People.OperatorToken();
        var other = await _driver.People.Registrar.Organization(operatorToken, "603.042", "Andere AG");
        var accessCode = (await _driver.People.Registrar.Letter(operatorToken, other.Id)).AccessCode;
        var (registration, _) = await _driver.People.Registrar.VerifiedEmail(accessCode, anna.Email);

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "SECOND_FACTOR_UNAVAILABLE",
            _driver.People.Registrar.Registration.ConfirmExistingPersonAsync(new() { RegistrationToken = registration, Password = Registrar.Password }));
    }
}
