using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Applications;

/// <summary>An internal app asks, with its own credential, who the person it serves is and what they may see.</summary>
public sealed class InternalAppAccessCheckTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly MemberDriver _driver;
    private readonly ApplicationDriver _apps;
    private readonly SessionService.SessionServiceClient _sessions;

    public InternalAppAccessCheckTests(ClassServer shared)
    {
        _server = shared.Server;
        var channel = shared.Channel;
        _driver = new MemberDriver(_server, channel);
        _apps = new ApplicationDriver(channel);
        _sessions = new SessionService.SessionServiceClient(channel);
    }

    [Fact]
    public async Task AnInternalApp_ChecksAForwardedSession_ByTopic()
    {
        var admin = await _driver.Admin("check-admin@muster.test", "+41795740101", "841.001", "Muster AG", Language.De, "contributions", "family-allowances");
        var person = await _driver.ActiveAndSignedIn(admin, MemberDriver.Request("check@muster.test", "+41795740102", topicIds: ["contributions"]));
        var app = ApplicationDriver.As(await _apps.Token(await _apps.Internal(await _driver.SignIn.OperatorToken())));

        var allowed = await _sessions.CheckAccessAsync(new() { TopicId = "contributions", SessionToken = person.SessionToken }, app);
        Assert.True(allowed.Allowed);
        Assert.Equal(person.PersonId, allowed.PersonId);
        Assert.False((await _sessions.CheckAccessAsync(new() { TopicId = "family-allowances", SessionToken = person.SessionToken }, app)).Allowed);
        var who = await _sessions.WhoAmIAsync(new() { SessionToken = person.SessionToken }, app);
        Assert.Equal("check@muster.test", who.Email);
        Assert.Equal(["contributions"], who.TopicIds);

        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID",
            _sessions.CheckAccessAsync(new() { TopicId = "contributions", SessionToken = "forged" }, app));
        await _sessions.SignOutAsync(new(), MemberDriver.As(person));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID",
            _sessions.CheckAccessAsync(new() { TopicId = "contributions", SessionToken = person.SessionToken }, app));
    }

    [Fact]
    public async Task OnlyAnApplicationWithAccessCheck_MayAskAboutAnotherSession()
    {
        var admin = await _driver.Admin("ask-admin@muster.test", "+41795740201", "841.002");
        var person = await _driver.ActiveAndSignedIn(admin, MemberDriver.Request("asked@muster.test", "+41795740202", topicIds: ["contributions"]));
        var partner = ApplicationDriver.As(await _apps.Token(await _apps.Partner(admin)));
        var internalApp = ApplicationDriver.As(await _apps.Token(await _apps.Internal(await _driver.SignIn.OperatorToken())));
        var asked = new CheckAccessRequest { TopicId = "contributions", SessionToken = person.SessionToken };

        // A person cannot look into someone else's session, nor a partner integration without the scope.
        await RpcAssert.Fails(StatusCode.PermissionDenied, "SCOPE_NOT_GRANTED", _sessions.CheckAccessAsync(asked, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.PermissionDenied, "SCOPE_NOT_GRANTED", _sessions.CheckAccessAsync(asked, partner));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", _sessions.CheckAccessAsync(asked));
        // An internal app cannot manage members: it belongs to no organisation.
        await RpcAssert.Fails(StatusCode.PermissionDenied, "SCOPE_NOT_GRANTED", _driver.Members.ListMembersAsync(new(), internalApp));
        // Without a forwarded token, the call is about the caller's own session, which an app has not.
        await RpcAssert.Fails(StatusCode.PermissionDenied, "SCOPE_NOT_GRANTED", _sessions.CheckAccessAsync(new() { TopicId = "contributions" }, internalApp));
        // The person's own check keeps working as before.
        Assert.True((await _sessions.CheckAccessAsync(new() { TopicId = "contributions" }, MemberDriver.As(person))).Allowed);
    }
}
