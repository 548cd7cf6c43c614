using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Registration;

/// <summary>A fiduciary who serves several employers: one person, several memberships.</summary>
public sealed class ExistingPersonRegistrationTests : IDisposable
{
    private readonly ConnectServerFactory _server = new();
    private readonly Registrar _registrar;

    public ExistingPersonRegistrationTests() => _registrar = new Registrar(_server, _server.CreateChannel());

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task KnownAddress_ConfirmsWithPasswordAndSms_AndGainsAMembership()
    {
        var operatorToken = await _registrar.Operator();
        var first = await _registrar.Organization(operatorToken, "111.111", "Erste AG");
        var second = await _registrar.Organization(operatorToken, "222.222", "Zweite AG");
        var firstAdmin = await _registrar.RegisterNew((await _registrar.Letter(operatorToken, first.Id)).AccessCode, "treuhand@example.ch", "+41795550001");

        var code = (await _registrar.Letter(operatorToken, second.Id)).AccessCode;
        var (token, verified) = await _registrar.VerifiedEmail(code, "treuhand@example.ch");
        Assert.True(verified.ExistingPerson);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "REGISTRATION_STEP_INVALID", _registrar.Registration.CreateProfileAsync(new()
        {
            RegistrationToken = token, GivenName = "Second", FamilyName = "Account", Password = Registrar.Password,
        }));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PASSWORD_INCORRECT",
            _registrar.Registration.ConfirmExistingPersonAsync(new() { RegistrationToken = token, Password = "not the password at all" }));

        _registrar.WaitOutResendInterval();
        var confirmed = await _registrar.Registration.ConfirmExistingPersonAsync(new() { RegistrationToken = token, Password = Registrar.Password });
        Assert.Equal(RegistrationState.PhoneCodeSent, confirmed.Registration.State);
        Assert.EndsWith("01", confirmed.Registration.MaskedPhoneNumber);
        _registrar.WaitOutResendInterval();
        var resent = await _registrar.Registration.StartPhoneVerificationAsync(new() { RegistrationToken = token, PhoneNumber = "" });
        Assert.Equal(RegistrationState.PhoneCodeSent, resent.Registration.State);
        var stale = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795550001", 2));
        var sms = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795550001", 3));
        if (stale != sms)
        {
            await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
                _registrar.Registration.VerifyPhoneAsync(new() { RegistrationToken = token, Code = stale }));
        }
        await _registrar.Registration.VerifyPhoneAsync(new() { RegistrationToken = token, Code = sms });
        var finished = await _registrar.Registration.FinishRegistrationAsync(new() { RegistrationToken = token });

        Assert.Equal(firstAdmin.PersonId, finished.PersonId);
        Assert.Equal(second.Id, finished.OrganizationId);
        Assert.Equal("Zweite AG", finished.Registration.OrganizationDisplayName);
    }

    [Fact]
    public async Task SubmitEmail_AnswersTheSame_ForAKnownAndAnUnknownAddress()
    {
        var operatorToken = await _registrar.Operator("known@fund.test");
        var organization = await _registrar.Organization(operatorToken, "333.333");
        var code = (await _registrar.Letter(operatorToken, organization.Id)).AccessCode;

        var knownToken = (await _registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = code })).RegistrationToken;
        var unknownToken = (await _registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = code })).RegistrationToken;
        _registrar.WaitOutResendInterval();
        var known = await _registrar.Registration.SubmitEmailAsync(new() { RegistrationToken = knownToken, Email = "known@fund.test" });
        _registrar.WaitOutResendInterval();
        var unknown = await _registrar.Registration.SubmitEmailAsync(new() { RegistrationToken = unknownToken, Email = "stranger@fund.test" });

        Assert.Equal(unknown.Registration.State, known.Registration.State);
        Assert.False(known.Registration.ExistingPerson);
        Assert.False(unknown.Registration.ExistingPerson);
        Assert.Equal(unknown.Registration.MaskedPhoneNumber, known.Registration.MaskedPhoneNumber);
        Assert.Equal(unknown.Registration.CalculateSize() - unknown.Registration.Email.Length, known.Registration.CalculateSize() - known.Registration.Email.Length);
    }

    [Fact]
    public async Task ExistingMember_CannotRegisterTwiceForTheSameOrganization()
    {
        var operatorToken = await _registrar.Operator("twice@fund.test");
        var fundInvitation = await _registrar.Letter(operatorToken,
            (await _registrar.Organizations.ListOrganizationsAsync(new(), RpcAssert.Bearer(operatorToken))).Organizations.Single().Id);
        var (token, verified) = await _registrar.VerifiedEmail(fundInvitation.AccessCode, "twice@fund.test");
        Assert.True(verified.ExistingPerson);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ALREADY_MEMBER",
            _registrar.Registration.ConfirmExistingPersonAsync(new() { RegistrationToken = token, Password = Registrar.Password }));
    }
}
