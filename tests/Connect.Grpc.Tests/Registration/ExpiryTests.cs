using Connect.V1;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace Connect.Grpc.Tests.Registration;

/// <summary>Every expiry of the registration, on a fake clock.</summary>
public sealed class ExpiryTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly ConnectServerFactory _server;
    private readonly Registrar _registrar;

    public ExpiryTests()
    {
        _server = new ConnectServerFactory(_time);
        _registrar = new Registrar(_server, _server.CreateChannel());
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task BootstrapCode_ExpiresAfter24Hours()
    {
        var code = _server.BootstrapCode;
        _time.Advance(TimeSpan.FromHours(24));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ACCESS_CODE_EXPIRED", _registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = code }));
    }

    [Fact]
    public async Task EmailInvitation_ExpiresAfter14Days_LetterAfter30()
    {
        var operatorToken = await _registrar.Operator();
        var organization = await _registrar.Organization(operatorToken, "444.444");
        await _registrar.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Email = "admin@muster.test" }, RpcAssert.Bearer(operatorToken));
        var emailCode = TestCodes.AccessCode(await _server.Mail.WaitForText("admin@muster.test"))!;
        var letterCode = (await _registrar.Letter(operatorToken, organization.Id)).AccessCode;

        _time.Advance(TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1));
        await _registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = emailCode });
        _time.Advance(TimeSpan.FromMinutes(1));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ACCESS_CODE_EXPIRED", _registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = emailCode }));
        await _registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = letterCode });
        _time.Advance(TimeSpan.FromDays(16));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ACCESS_CODE_EXPIRED", _registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = letterCode }));
    }

    [Fact]
    public async Task EmailCode_ExpiresAfter10Minutes_AndANewOneCanBeAsked()
    {
        var token = (await _registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = _server.BootstrapCode })).RegistrationToken;
        await _registrar.Registration.SubmitEmailAsync(new() { RegistrationToken = token, Email = "late@fund.test" });
        var code = TestCodes.SixDigits(await _server.Mail.WaitForText("late@fund.test"));

        _time.Advance(TimeSpan.FromMinutes(10));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "CODE_EXPIRED", _registrar.Registration.VerifyEmailAsync(new() { RegistrationToken = token, Code = code }));

        await _registrar.Registration.ResendEmailCodeAsync(new() { RegistrationToken = token });
        var fresh = TestCodes.SixDigits(await _server.Mail.WaitForText("late@fund.test", 2));
        var verified = await _registrar.Registration.VerifyEmailAsync(new() { RegistrationToken = token, Code = fresh });
        Assert.Equal(RegistrationState.EmailVerified, verified.Registration.State);
    }

    [Fact]
    public async Task SmsCode_ExpiresAfter10Minutes_AndSendsAreLimitedTo5AnHour()
    {
        var (token, _) = await _registrar.VerifiedEmail(_server.BootstrapCode, "sms@fund.test");
        await _registrar.Registration.CreateProfileAsync(new() { RegistrationToken = token, GivenName = "A", FamilyName = "B", Password = Registrar.Password });
        await _registrar.Registration.StartPhoneVerificationAsync(new() { RegistrationToken = token, PhoneNumber = "+41791230000" });
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText("+41791230000"));
        _time.Advance(TimeSpan.FromMinutes(10));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "CODE_EXPIRED", _registrar.Registration.VerifyPhoneAsync(new() { RegistrationToken = token, Code = code }));

        for (var send = 2; send <= 5; send++)
        {
            _time.Advance(TimeSpan.FromSeconds(61));
            await _registrar.Registration.StartPhoneVerificationAsync(new() { RegistrationToken = token, PhoneNumber = "+41791230000" });
        }
        _time.Advance(TimeSpan.FromSeconds(61));
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "SEND_LIMIT_REACHED",
            _registrar.Registration.StartPhoneVerificationAsync(new() { RegistrationToken = token, PhoneNumber = "+41791230000" }));
        // The first of the five sends leaves the one-hour window 60 minutes after it was made.
        _time.Advance(TimeSpan.FromMinutes(45));
        await _registrar.Registration.StartPhoneVerificationAsync(new() { RegistrationToken = token, PhoneNumber = "+41791230000" });
    }

    [Fact]
    public async Task Registration_ExpiresAfterTwoHours()
    {
        var token = (await _registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = _server.BootstrapCode })).RegistrationToken;
        _time.Advance(TimeSpan.FromHours(2));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "REGISTRATION_EXPIRED",
            _registrar.Registration.SubmitEmailAsync(new() { RegistrationToken = token, Email = "slow@fund.test" }));
    }

    [Fact]
    public async Task Session_EndsAfter30IdleMinutes()
    {
        var operatorToken = await _registrar.Operator();
        _time.Advance(TimeSpan.FromMinutes(29));
        await _registrar.Organizations.ListTopicsAsync(new(), RpcAssert.Bearer(operatorToken));
        _time.Advance(TimeSpan.FromMinutes(29));
        await _registrar.Organizations.ListTopicsAsync(new(), RpcAssert.Bearer(operatorToken));
        _time.Advance(TimeSpan.FromMinutes(30));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", _registrar.Organizations.ListTopicsAsync(new(), RpcAssert.Bearer(operatorToken)));
    }

    [Fact]
    public async Task Session_EndsAfter12HoursEvenWhenUsed()
    {
        var operatorToken = await _registrar.Operator();
        for (var i = 0; i < 24; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(29));
            await _registrar.Organizations.ListTopicsAsync(new(), RpcAssert.Bearer(operatorToken));
        }
        _time.Advance(TimeSpan.FromMinutes(29));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", _registrar.Organizations.ListTopicsAsync(new(), RpcAssert.Bearer(operatorToken)));
    }
}
