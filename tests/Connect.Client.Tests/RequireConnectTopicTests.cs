using System.Net;
using Connect.Client;
using Connect.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Client.Tests;

/// <summary>
/// An internal app puts RequireConnectTopic in front of its endpoints; its Connect client is the real server of the
/// test, the app registered by an operator, the persons real members with real sessions.
/// </summary>
public sealed class RequireConnectTopicTests : IAsyncLifetime
{
    private readonly ConnectServerFactory _server = new();
    private readonly SignInDriver _people;
    private readonly ApplicationDriver _apps;
    private AppCredential _credential = null!;
    private InternalAppHost _app = null!;

    public RequireConnectTopicTests()
    {
        var channel = _server.CreateChannel();
        _people = new SignInDriver(_server, channel);
        _apps = new ApplicationDriver(channel);
    }

    public async Task InitializeAsync()
    {
        _credential = await _apps.Internal(await _people.OperatorToken());
        _app = await InternalAppHost.StartAsync(o =>
        {
            o.Address = _server.Server.BaseAddress;
            o.ClientId = _credential.ClientId;
            o.ClientSecret = _credential.ClientSecret;
            o.SessionCookieName = "connect_session";
        }, () => _server.Server.CreateHandler());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _server.Dispose();
    }

    [Fact]
    public async Task AMemberWithTheTopic_GetsIn_AndTheEndpointKnowsWhoTheyAre()
    {
        var anna = await _people.Member("topic@example.ch", "+41795550601", "601.601");

        var answer = await _app.Get("/contributions", bearer: anna.SessionToken);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal($"{anna.PersonId} topic@example.ch 1", await answer.Content.ReadAsStringAsync());

        var byCookie = await _app.Get("/contributions", cookie: "connect_session=" + anna.SessionToken);
        Assert.Equal(HttpStatusCode.OK, byCookie.StatusCode);
        var mvc = await _app.Get("/mvc/contributions", bearer: anna.SessionToken);
        Assert.Equal(HttpStatusCode.OK, mvc.StatusCode);
        Assert.Equal(anna.PersonId, await mvc.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AMemberWithoutTheTopic_IsForbidden()
    {
        var anna = await _people.Member("no-topic@example.ch", "+41795550602", "602.602");

        var answer = await _app.Get("/allowances", bearer: anna.SessionToken);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Empty(answer.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task NoTokenOrNoLiveSession_IsUnauthorized_WithABearerChallenge()
    {
        var none = await _app.Get("/contributions");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);

        var forged = await _app.Get("/contributions", bearer: "forged");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("error=\"invalid_token\"", forged.Headers.WwwAuthenticate.Single().Parameter);

        var mvc = await _app.Get("/mvc/contributions", bearer: "forged");
        Assert.Equal(HttpStatusCode.Unauthorized, mvc.StatusCode);
    }

    [Fact]
    public async Task ARevokedApp_AnswersServerError_AndLogsIt_NeverARefusalOfThePerson()
    {
        var anna = await _people.Member("revoked-app@example.ch", "+41795550603", "603.603");
        Assert.Equal(HttpStatusCode.OK, (await _app.Get("/contributions", bearer: anna.SessionToken)).StatusCode);

        await _apps.Applications.RevokeApplicationAsync(new() { ApplicationId = _credential.ApplicationId, Reason = "Retired" },
            RpcAssert.Bearer(await _people.OperatorToken()));

        var answer = await _app.Get("/contributions", bearer: anna.SessionToken);
        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        var logged = Assert.Single(_app.Logs.All, line => line.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains("ClientSecret", logged);
        Assert.DoesNotContain(_credential.ClientSecret, string.Join("\n", _app.Logs.All));
        Assert.DoesNotContain(anna.SessionToken, string.Join("\n", _app.Logs.All));
    }

    [Fact]
    public async Task AnUnreachableConnect_IsServiceUnavailable()
    {
        await using var stranded = await InternalAppHost.StartAsync(o =>
        {
            o.Address = new Uri("http://127.0.0.1:9"); // discard port: nothing listens
            o.ClientId = _credential.ClientId;
            o.ClientSecret = _credential.ClientSecret;
        });

        var answer = await stranded.Get("/contributions", bearer: "any");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Contains(stranded.Logs.All, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("Unavailable"));
    }

    [Fact]
    public async Task ThePersonsTokenTravelsAsSessionToken_UnderTheAppsOwnCredential()
    {
        var anna = await _people.Member("checker@example.ch", "+41795550604", "604.604");
        var access = _app.Services.GetRequiredService<ConnectAccessChecker>();

        Assert.True(await access.CheckAccessAsync(anna.SessionToken, "contributions"));
        Assert.Equal(anna.Email, (await access.WhoAmIAsync(anna.SessionToken)).Email);
        var refused = await Assert.ThrowsAsync<ConnectClientException>(() => access.CheckAccessAsync("forged", "contributions"));
        Assert.Equal(ErrorReason.SessionInvalid, refused.Reason);
    }
}
