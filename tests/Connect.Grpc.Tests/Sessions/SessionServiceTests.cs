using Connect.Grpc.Domain;
using Connect.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Grpc.Tests.Sessions;

/// <summary>The session service: who the caller is, what they may see, and their sessions.</summary>
public sealed class SessionServiceTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly SignInDriver _driver;

    public SessionServiceTests(ClassServer shared)
    {
        _server = shared.Server;
        _driver = new SignInDriver(_server, shared.Channel);
    }

    private SessionService.SessionServiceClient Sessions => _driver.Sessions;

    [Fact]
    public async Task WhoAmI_DescribesThePersonOrganizationAndSession()
    {
        var member = await _driver.Member("whoami@muster.test", "+41795550101", "101.001", "Muster AG");
        var now = _server.Time.GetUtcNow().UtcDateTime;

        var me = await Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(member.SessionToken));

        Assert.Equal(member.PersonId, me.PersonId);
        Assert.Equal("whoami@muster.test", me.Email);
        Assert.Equal("Anna", me.GivenName);
        Assert.Equal("Muster", me.FamilyName);
        Assert.Equal(Language.Fr, me.Language);
        Assert.Equal(member.OrganizationId, me.OrganizationId);
        Assert.Equal("Muster AG", me.OrganizationDisplayName);
        Assert.True(me.Administrator);
        Assert.False(me.Operator);
        Assert.Equal(new[] { "contributions" }, me.TopicIds);
        Assert.False(string.IsNullOrEmpty(me.SessionId));
        AssertClose(now + TimeSpan.FromHours(12), me.ExpireTime);

        var listed = await Sessions.ListSessionsAsync(new(), RpcAssert.Bearer(member.SessionToken));
        Assert.Equal(me.SessionId, Assert.Single(listed.Sessions).SessionId);
    }

    [Fact]
    public async Task WhoAmI_OfTheFundOperator_SaysOperator()
    {
        var operatorToken = await _driver.OperatorToken();

        var me = await Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(operatorToken));

        Assert.True(me.Administrator);
        Assert.True(me.Operator);
        Assert.Equal("operator@fund.test", me.Email);
    }

    [Fact]
    public async Task CheckAccess_AnswersForGrantedAndOtherTopics()
    {
        var member = await _driver.Member("check@muster.test", "+41795550102", "101.002");

        var granted = await Sessions.CheckAccessAsync(new() { TopicId = "contributions" }, RpcAssert.Bearer(member.SessionToken));
        var other = await Sessions.CheckAccessAsync(new() { TopicId = "family-allowances" }, RpcAssert.Bearer(member.SessionToken));

        Assert.True(granted.Allowed);
        Assert.Equal(member.PersonId, granted.PersonId);
        Assert.Equal(member.OrganizationId, granted.OrganizationId);
        Assert.False(other.Allowed);
        Assert.Equal(member.PersonId, other.PersonId);
    }

    [Fact]
    public async Task CheckAccess_WithEmptyTopic_FailsWithFieldInvalid()
    {
        var member = await _driver.Member("empty-topic@muster.test", "+41795550103", "101.003");

        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Sessions.CheckAccessAsync(new() { TopicId = "" }, RpcAssert.Bearer(member.SessionToken)));
    }

    [Fact]
    public async Task Calls_WithoutToken_FailWithSessionRequired()
    {
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", Sessions.WhoAmIAsync(new()));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", Sessions.CheckAccessAsync(new() { TopicId = "contributions" }));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", Sessions.ListSessionsAsync(new()));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", Sessions.SignOutEverywhereAsync(new()));
    }

    [Fact]
    public async Task Calls_WithForgedToken_FailWithSessionInvalid()
    {
        await _driver.Member("forged@muster.test", "+41795550104", "101.004");
        var forged = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(forged)));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID",
            Sessions.CheckAccessAsync(new() { TopicId = "contributions" }, RpcAssert.Bearer(forged)));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID",
            Sessions.WhoAmIAsync(new(), new Metadata { { "authorization", "Basic " + forged } }));
    }

    [Fact]
    public async Task Token_IdleFor30Minutes_IsInvalid()
    {
        var member = await _driver.Member("idle@muster.test", "+41795550105", "101.005");

        _server.Time.Advance(TimeSpan.FromMinutes(29));
        await Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(member.SessionToken));
        _server.Time.Advance(TimeSpan.FromMinutes(30));

        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(member.SessionToken)));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID",
            Sessions.CheckAccessAsync(new() { TopicId = "contributions" }, RpcAssert.Bearer(member.SessionToken)));
    }

    [Fact]
    public async Task Token_UsedEvery20Minutes_EndsAfter12Hours()
    {
        var member = await _driver.Member("absolute@muster.test", "+41795550106", "101.006");

        // 35 × 20 minutes = 11 h 40: still alive; the next 20 minutes reach 12 h.
        for (var i = 0; i < 35; i++)
        {
            _server.Time.Advance(TimeSpan.FromMinutes(20));
            await Sessions.CheckAccessAsync(new() { TopicId = "contributions" }, RpcAssert.Bearer(member.SessionToken));
        }
        _server.Time.Advance(TimeSpan.FromMinutes(20));

        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(member.SessionToken)));
    }

    [Fact]
    public async Task Token_OfADeactivatedMembership_IsInvalid()
    {
        var member = await _driver.Member("deactivated@muster.test", "+41795550107", "101.007");
        await Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(member.SessionToken));

        var store = _server.Services.GetRequiredService<IStore>();
        store.Write(w =>
        {
            var membership = w.MembershipOf(member.PersonId, member.OrganizationId)!;
            membership.Deactivate();
            w.Update(membership);
            return 0;
        });

        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(member.SessionToken)));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID",
            Sessions.CheckAccessAsync(new() { TopicId = "contributions" }, RpcAssert.Bearer(member.SessionToken)));
    }

    [Fact]
    public async Task ListSessions_ShowsBothSessions_NewestFirst_WithTheCurrentOneMarked()
    {
        var member = await _driver.Member("list@muster.test", "+41795550108", "101.008", "Liste AG");
        var registeredAt = _server.Time.GetUtcNow().UtcDateTime;
        var signedIn = (await _driver.WithSms(member)).Session;
        var signedInAt = _server.Time.GetUtcNow().UtcDateTime;

        var listed = (await Sessions.ListSessionsAsync(new(), RpcAssert.Bearer(signedIn.SessionToken))).Sessions;

        Assert.Equal(2, listed.Count);
        var (newest, oldest) = (listed[0], listed[1]);
        Assert.True(newest.Current);
        Assert.False(oldest.Current);
        Assert.Equal((await Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(signedIn.SessionToken))).SessionId, newest.SessionId);
        Assert.Equal((await Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(member.SessionToken))).SessionId, oldest.SessionId);
        AssertClose(signedInAt, newest.CreateTime);
        AssertClose(registeredAt, oldest.CreateTime);
        foreach (var session in listed)
        {
            Assert.Equal(member.OrganizationId, session.OrganizationId);
            Assert.Equal("Liste AG", session.OrganizationDisplayName);
            Assert.False(string.IsNullOrEmpty(session.ClientAddress));
            Assert.Contains("grpc-dotnet", session.UserAgent, StringComparison.OrdinalIgnoreCase);
            Assert.True(session.LastUseTime >= session.CreateTime);
            AssertClose(session.CreateTime.ToDateTime() + TimeSpan.FromHours(12), session.ExpireTime);
            Assert.DoesNotContain(session.SessionId, new[] { member.SessionToken, signedIn.SessionToken });
        }
    }

    [Fact]
    public async Task ListSessions_LeavesOutEndedSessions()
    {
        var member = await _driver.Member("list-ended@muster.test", "+41795550109", "101.009");
        var signedIn = (await _driver.WithSms(member)).Session;

        await Sessions.SignOutAsync(new(), RpcAssert.Bearer(member.SessionToken));

        var listed = (await Sessions.ListSessionsAsync(new(), RpcAssert.Bearer(signedIn.SessionToken))).Sessions;
        Assert.True(Assert.Single(listed).Current);
    }

    [Fact]
    public async Task ListSessions_LastUseTime_FollowsUse()
    {
        var member = await _driver.Member("last-use@muster.test", "+41795550110", "101.010");
        var signedIn = (await _driver.WithSms(member)).Session;

        _server.Time.Advance(TimeSpan.FromMinutes(5));
        await Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(member.SessionToken));
        var usedAt = _server.Time.GetUtcNow().UtcDateTime;

        var listed = (await Sessions.ListSessionsAsync(new(), RpcAssert.Bearer(signedIn.SessionToken))).Sessions;
        var registration = listed.Single(s => !s.Current);
        AssertClose(usedAt, registration.LastUseTime);
        Assert.True(registration.LastUseTime > registration.CreateTime);
    }

    [Fact]
    public async Task RevokeSession_EndsMyOtherSession_AndKeepsThisOne()
    {
        var member = await _driver.Member("revoke@muster.test", "+41795550111", "101.011");
        var signedIn = (await _driver.WithSms(member)).Session;
        var other = (await Sessions.ListSessionsAsync(new(), RpcAssert.Bearer(signedIn.SessionToken))).Sessions.Single(s => !s.Current);

        await Sessions.RevokeSessionAsync(new() { SessionId = other.SessionId }, RpcAssert.Bearer(signedIn.SessionToken));

        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(member.SessionToken)));
        await Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(signedIn.SessionToken));
        Assert.Single((await Sessions.ListSessionsAsync(new(), RpcAssert.Bearer(signedIn.SessionToken))).Sessions);
    }

    [Fact]
    public async Task RevokeSession_OfAnotherPerson_FailsLikeAnUnknownId()
    {
        var member = await _driver.Member("revoke-other@muster.test", "+41795550112", "101.012");
        var operatorToken = await _driver.OperatorToken();
        var operatorSessionId = (await Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(operatorToken))).SessionId;

        var foreign = await RpcAssert.Fails(StatusCode.NotFound, "SESSION_NOT_FOUND",
            Sessions.RevokeSessionAsync(new() { SessionId = operatorSessionId }, RpcAssert.Bearer(member.SessionToken)));
        var unknown = await RpcAssert.Fails(StatusCode.NotFound, "SESSION_NOT_FOUND",
            Sessions.RevokeSessionAsync(new() { SessionId = Ids.New() }, RpcAssert.Bearer(member.SessionToken)));

        Assert.Equal(unknown, foreign);
        await Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(operatorToken));
    }

    [Fact]
    public async Task SignOut_KillsTheToken()
    {
        var member = await _driver.Member("sign-out@muster.test", "+41795550113", "101.013");
        var signedIn = (await _driver.WithSms(member)).Session;

        await Sessions.SignOutAsync(new(), RpcAssert.Bearer(signedIn.SessionToken));

        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(signedIn.SessionToken)));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", Sessions.SignOutAsync(new(), RpcAssert.Bearer(signedIn.SessionToken)));
        await Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(member.SessionToken));
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEverySession()
    {
        var member = await _driver.Member("everywhere@muster.test", "+41795550114", "101.014");
        var first = (await _driver.WithSms(member)).Session;
        var second = (await _driver.WithSms(member)).Session;
        var operatorToken = await _driver.OperatorToken();

        var response = await Sessions.SignOutEverywhereAsync(new(), RpcAssert.Bearer(first.SessionToken));

        Assert.Equal(3, response.EndedSessions);
        foreach (var token in new[] { member.SessionToken, first.SessionToken, second.SessionToken })
            await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(token)));
        await Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(operatorToken));
    }

    [Fact]
    public async Task ListMyOrganizations_ListsBothOrganizations_ByName()
    {
        var fiduciary = await TwoOrganizations("list-orgs@treuhand.test", "+41795550115");

        var response = await Sessions.ListMyOrganizationsAsync(new(), RpcAssert.Bearer(fiduciary.Member.SessionToken));

        Assert.Equal(fiduciary.Member.OrganizationId, response.CurrentOrganizationId);
        Assert.Equal(new[] { "Erste AG", "Zweite AG" }, response.Organizations.Select(o => o.DisplayName));
        Assert.Equal(new[] { fiduciary.Member.OrganizationId, fiduciary.SecondOrganizationId }, response.Organizations.Select(o => o.OrganizationId));
        Assert.All(response.Organizations, o => Assert.True(o.Administrator));
    }

    [Fact]
    public async Task SwitchOrganization_IssuesANewToken_AndEndsTheOldOne()
    {
        var fiduciary = await TwoOrganizations("switch@treuhand.test", "+41795550116");
        var oldToken = fiduciary.Member.SessionToken;

        var switched = (await Sessions.SwitchOrganizationAsync(new() { OrganizationId = fiduciary.SecondOrganizationId }, RpcAssert.Bearer(oldToken))).Session;

        Assert.Equal(fiduciary.SecondOrganizationId, switched.OrganizationId);
        Assert.Equal(fiduciary.Member.PersonId, switched.PersonId);
        Assert.NotEqual(oldToken, switched.SessionToken);
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(oldToken)));
        var me = await Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(switched.SessionToken));
        Assert.Equal(fiduciary.SecondOrganizationId, me.OrganizationId);
        Assert.Equal("Zweite AG", me.OrganizationDisplayName);
        var organizations = await Sessions.ListMyOrganizationsAsync(new(), RpcAssert.Bearer(switched.SessionToken));
        Assert.Equal(fiduciary.SecondOrganizationId, organizations.CurrentOrganizationId);
    }

    [Fact]
    public async Task SwitchOrganization_ToAnOrganizationNotMine_FailsWithOrganizationNotFound()
    {
        var fiduciary = await TwoOrganizations("switch-foreign@treuhand.test", "+41795550117");
        var foreign = await _driver.Registrar.Organization(await _driver.OperatorToken(), "101.099", "Fremde AG");
        var token = fiduciary.Member.SessionToken;

        await RpcAssert.Fails(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND",
            Sessions.SwitchOrganizationAsync(new() { OrganizationId = foreign.Id }, RpcAssert.Bearer(token)));
        await RpcAssert.Fails(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND",
            Sessions.SwitchOrganizationAsync(new() { OrganizationId = Ids.New() }, RpcAssert.Bearer(token)));

        var me = await Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(token));
        Assert.Equal(fiduciary.Member.OrganizationId, me.OrganizationId);
    }

    /// <summary>A fiduciary: administrator of "Erste AG", then registered again with "Zweite AG"'s access code.</summary>
    private async Task<(RegisteredAdmin Member, string SecondOrganizationId, string SecondToken)> TwoOrganizations(string email, string phone)
    {
        var member = await _driver.Member(email, phone, _server.Unique("201.001"), "Erste AG");
        var operatorToken = await _driver.OperatorToken();
        var second = await _driver.Registrar.Organization(operatorToken, _server.Unique("201.002"), "Zweite AG");
        var code = (await _driver.Registrar.Letter(operatorToken, second.Id)).AccessCode;
        var registration = _driver.Registrar.Registration;

        var (token, _) = await _driver.Registrar.VerifiedEmail(code, email);
        var smsBefore = _server.Sms.To(phone).Count;
        _driver.Registrar.WaitOutResendInterval();
        await registration.ConfirmExistingPersonAsync(new() { RegistrationToken = token, Password = Registrar.Password });
        var sms = TestCodes.SixDigits(await _server.Sms.WaitForText(phone, smsBefore + 1));
        await registration.VerifyPhoneAsync(new() { RegistrationToken = token, Code = sms });
        var finished = await registration.FinishRegistrationAsync(new() { RegistrationToken = token });
        Assert.Equal(member.PersonId, finished.PersonId);
        return (member, second.Id, finished.SessionToken);
    }

    private static void AssertClose(DateTime expected, Timestamp actual) =>
        Assert.InRange(actual.ToDateTime(), expected - TimeSpan.FromSeconds(1), expected + TimeSpan.FromSeconds(1));
}
