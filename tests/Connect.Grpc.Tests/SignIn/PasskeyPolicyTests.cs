using Connect.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Connect.Grpc.Tests.SignIn;

/// <summary>
/// The fund's passkey policy per organisation: a covered person without a passkey signs in once more with their other
/// factors into a session that may only add one; afterwards only the passkey counts; support's reset starts over.
/// </summary>
public sealed class PasskeyPolicyTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly SignInDriver _people;
    private readonly MemberDriver _members;

    public PasskeyPolicyTests(ClassServer shared)
    {
        _server = shared.Server;
        _people = new SignInDriver(_server, shared.Channel);
        _members = new MemberDriver(_server, shared.Channel);
    }

    private SignInService.SignInServiceClient SignIn => _people.SignIn;

    [Fact]
    public async Task APolicyForAdministrators_LeadsToAPasskey_ThenRefusesTheOtherFactors()
    {
        var anna = await _people.Member("policy-admin@example.ch", "+41795550501", "501.501");
        var operatorToken = await _people.OperatorToken();
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", () => SetPolicy(operatorToken, anna.OrganizationId, PasskeyPolicy.Unspecified));
        var organization = await SetPolicy(operatorToken, anna.OrganizationId, PasskeyPolicy.Administrators);
        Assert.Equal(PasskeyPolicy.Administrators, organization.PasskeyPolicy);
        Assert.Equal("none → administrators", Assert.Single(_server.Stored<Domain.AuditEvent>(),
            e => e.Action == "organization.updated" && e.TargetId == anna.OrganizationId).Details["passkey_policy"]);
        // An update without the policy in its mask keeps it.
        organization.DisplayName = "Muster AG neu";
        organization.PasskeyPolicy = PasskeyPolicy.Unspecified;
        organization = (await _people.Registrar.Organizations.UpdateOrganizationAsync(new() { Organization = organization }, RpcAssert.Bearer(operatorToken))).Organization;
        Assert.Equal(PasskeyPolicy.Administrators, organization.PasskeyPolicy);

        // Without a passkey: the usual factors once, into a session that may only add one.
        var first = await _people.Password(anna.Email);
        Assert.True(first.PasskeyRequired);
        Assert.Equal([SecondFactor.Sms], first.SecondFactors);
        var code = await _people.SmsCode(first, anna.Phone);
        var limited = (await SignIn.VerifySecondFactorAsync(new() { SignInToken = first.SignInToken, SmsCode = code })).Session;
        Assert.True(limited.PasskeyEnrollmentRequired);
        var asLimited = RpcAssert.Bearer(limited.SessionToken);
        Assert.True((await _people.Sessions.WhoAmIAsync(new(), asLimited)).PasskeyEnrollmentRequired);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "PASSKEY_REQUIRED", _members.Members.ListMembersAsync(new(), asLimited));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "PASSKEY_REQUIRED", _people.Account.CreateRecoveryCodesAsync(new() { Password = Registrar.Password }, asLimited));
        Assert.Equal(anna.Email, (await _people.Account.GetAccountAsync(new(), asLimited)).Account.Email);

        // That one sign-in used, the password alone is refused until a passkey exists.
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "PASSKEY_REQUIRED", SignIn.StartSignInAsync(new() { Email = anna.Email, Password = Registrar.Password }));

        // Adding it makes the session whole.
        using var authenticator = new SoftwareAuthenticator();
        var options = (await _people.Account.StartPasskeyRegistrationAsync(new() { Password = Registrar.Password }, asLimited)).OptionsJson;
        await _people.Account.FinishPasskeyRegistrationAsync(new() { Name = "Clé", CredentialJson = authenticator.Create(options) }, asLimited);
        Assert.False((await _people.Sessions.WhoAmIAsync(new(), asLimited)).PasskeyEnrollmentRequired);
        Assert.NotEmpty((await _members.Members.ListMembersAsync(new(), asLimited)).Members);

        // From now on only the passkey counts after the password; alone it still signs in.
        var next = await _people.Password(anna.Email);
        Assert.Equal([SecondFactor.Passkey], next.SecondFactors);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "PASSKEY_REQUIRED", SignIn.SendSignInCodeAsync(new() { SignInToken = next.SignInToken }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "PASSKEY_REQUIRED",
            SignIn.VerifySecondFactorAsync(new() { SignInToken = next.SignInToken, SmsCode = "123456" }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "PASSKEY_REQUIRED",
            SignIn.VerifySecondFactorAsync(new() { SignInToken = next.SignInToken, RecoveryCode = "ABCD-EFGH-JKMN" }));
        var challenge = (await SignIn.RequestPasskeyChallengeAsync(new() { SignInToken = next.SignInToken })).OptionsJson;
        var whole = (await SignIn.VerifySecondFactorAsync(new() { SignInToken = next.SignInToken, PasskeyCredentialJson = authenticator.Get(challenge) })).Session;
        Assert.False(whole.PasskeyEnrollmentRequired);
        var alone = await SignIn.StartPasskeySignInAsync(new());
        Assert.NotEmpty((await SignIn.FinishPasskeySignInAsync(new() { SignInToken = alone.SignInToken, CredentialJson = authenticator.Get(alone.OptionsJson) }))
            .Session.SessionToken);

        // Support's reset removes the passkey: a new number first, then again a session that may only add one.
        var support = new SupportService.SupportServiceClient(_server.CreateChannel());
        await support.ResetSecondFactorAsync(new() { PersonId = anna.PersonId, Reason = "Lost the security key" }, RpcAssert.Bearer(operatorToken));
        Assert.DoesNotContain(_server.Stored<Domain.Passkey>(), p => p.PersonId == anna.PersonId);
        var afterReset = await _people.Password(anna.Email);
        Assert.True(afterReset.PhoneNumberRequired);
        const string newPhone = "+41795550599";
        await SignIn.SendSignInCodeAsync(new() { SignInToken = afterReset.SignInToken, PhoneNumber = newPhone });
        var newCode = TestCodes.SixDigits(await _server.Sms.WaitForText(newPhone));
        var again = (await SignIn.VerifySecondFactorAsync(new() { SignInToken = afterReset.SignInToken, SmsCode = newCode })).Session;
        Assert.True(again.PasskeyEnrollmentRequired);
    }

    [Fact]
    public async Task APolicyForAdministrators_DoesNotCoverOtherMembers_AndNoneCoversNobody()
    {
        var admin = await _members.Admin("policy-boss@example.ch", "+41795550510", "510.510");
        var bob = await _members.Active(admin, MemberDriver.Request("policy-bob@example.ch", "+41795550511", "Bob", "Brun"));
        var operatorToken = await _people.OperatorToken();
        await SetPolicy(operatorToken, admin.OrganizationId, PasskeyPolicy.Administrators);

        var bobs = await _people.Password(bob.Email);
        Assert.False(bobs.PasskeyRequired);
        Assert.Equal([SecondFactor.Sms], bobs.SecondFactors);

        await SetPolicy(operatorToken, admin.OrganizationId, PasskeyPolicy.Everyone);
        Assert.True((await _people.Password(bob.Email)).PasskeyRequired);
        await SetPolicy(operatorToken, admin.OrganizationId, PasskeyPolicy.None);
        Assert.False((await _people.Password(admin.Email)).PasskeyRequired);
    }

    private async Task<Organization> SetPolicy(string operatorToken, string organizationId, PasskeyPolicy policy)
    {
        var organizations = _people.Registrar.Organizations;
        var organization = (await organizations.GetOrganizationAsync(new() { Id = organizationId }, RpcAssert.Bearer(operatorToken))).Organization;
        organization.PasskeyPolicy = policy;
        return (await organizations.UpdateOrganizationAsync(new() { Organization = organization, UpdateMask = new FieldMask { Paths = { "passkey_policy" } } },
            RpcAssert.Bearer(operatorToken))).Organization;
    }
}
