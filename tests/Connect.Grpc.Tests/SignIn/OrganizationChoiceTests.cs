using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.SignIn;

/// <summary>A fiduciary with several employers picks one at sign-in and switches later without signing in again.</summary>
public sealed class OrganizationChoiceTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly SignInDriver _people;

    public OrganizationChoiceTests(ClassServer shared)
    {
        _server = shared.Server;
        _people = new SignInDriver(_server, shared.Channel);
    }

    [Fact]
    public async Task APersonWithTwoOrganizations_ChoosesOne_ThenSwitches()
    {
        var anna = await _people.Member("fiduciary@example.ch", "+41795550301", "301.301", "Erste AG");
        var second = await _people.SecondMembership(anna, "302.302", "Zweite AG");

        var challenge = await _people.Password(anna.Email);
        var verified = await _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = await _people.SmsCode(challenge, anna.Phone) });
        Assert.Null(verified.Session);
        Assert.Equal(["Erste AG", "Zweite AG"], verified.Organizations.Select(o => o.DisplayName));
        Assert.All(verified.Organizations, o => Assert.True(o.Administrator));

        await RpcAssert.Fails(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND",
            _people.SignIn.ChooseOrganizationAsync(new() { SignInToken = challenge.SignInToken, OrganizationId = "someone-elses" }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "SIGN_IN_STEP_INVALID",
            _people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = "123456" }));
        var chosen = (await _people.SignIn.ChooseOrganizationAsync(new() { SignInToken = challenge.SignInToken, OrganizationId = second })).Session;
        Assert.Equal(second, chosen.OrganizationId);
        await RpcAssert.Fails(StatusCode.NotFound, "SIGN_IN_NOT_FOUND",
            _people.SignIn.ChooseOrganizationAsync(new() { SignInToken = challenge.SignInToken, OrganizationId = second }));

        var mine = await _people.Sessions.ListMyOrganizationsAsync(new(), RpcAssert.Bearer(chosen.SessionToken));
        Assert.Equal(second, mine.CurrentOrganizationId);
        Assert.Equal(2, mine.Organizations.Count);
        var switched = (await _people.Sessions.SwitchOrganizationAsync(new() { OrganizationId = anna.OrganizationId }, RpcAssert.Bearer(chosen.SessionToken))).Session;
        Assert.Equal(anna.OrganizationId, (await _people.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(switched.SessionToken))).OrganizationId);
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", _people.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(chosen.SessionToken)));
    }

    [Fact]
    public async Task TheOrganization_CanBeNamedWithTheSecondFactor()
    {
        var anna = await _people.Member("direct@example.ch", "+41795550302", "303.303", "Erste AG");
        var second = await _people.SecondMembership(anna, "304.304", "Zweite AG");
        var done = await _people.WithSms(anna, organizationId: second);
        Assert.Equal(second, done.Session.OrganizationId);

        var challenge = await _people.Password(anna.Email);
        await RpcAssert.Fails(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND", _people.SignIn.VerifySecondFactorAsync(new()
        {
            SignInToken = challenge.SignInToken, SmsCode = await _people.SmsCode(challenge, anna.Phone), OrganizationId = "not-mine",
        }));
    }

    /// <summary>Registers the member's address as administrator of a second organisation; returns its id.</summary>
}
