using Connect.Client;
using Connect.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Client.Tests;

/// <summary>The typed client library as an internal app and the console use it: through dependency injection.</summary>
public sealed class ConnectClientTests : IDisposable
{
    private readonly ConnectServerFactory _server = new();
    private readonly SignInDriver _people;
    private readonly TokenHolder _token = new();
    private readonly ServiceProvider _services;

    public ConnectClientTests()
    {
        _people = new SignInDriver(_server, _server.CreateChannel());
        _services = new ServiceCollection()
            .AddConnectClient(o => o.Address = _server.Server.BaseAddress)
            .ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => _server.Server.CreateHandler()))
            .AddSingleton<ISessionTokenProvider>(_token)
            .BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task AnInternalApp_ForwardsAPersonsToken_AndAsksCheckAccess()
    {
        var anna = await _people.Member("app@example.ch", "+41795550501", "501.501");
        var access = _services.GetRequiredService<ConnectAccessChecker>();

        Assert.True(await access.CheckAccessAsync(anna.SessionToken, "contributions"));
        Assert.False(await access.CheckAccessAsync(anna.SessionToken, "family-allowances"));
        Assert.Equal(anna.PersonId, (await access.WhoAmIAsync(anna.SessionToken)).PersonId);
        var refused = await Assert.ThrowsAsync<ConnectClientException>(() => access.CheckAccessAsync("forged", "contributions"));
        Assert.Equal(ErrorReason.SessionInvalid, refused.Reason);
        Assert.Equal(global::Grpc.Core.StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task TheTypedClients_SignIn_AndCarryTheAmbientToken()
    {
        var anna = await _people.Member("typed@example.ch", "+41795550502", "502.502");
        var signIn = _services.GetRequiredService<ConnectSignInClient>();

        var challenge = (await signIn.StartSignInAsync(anna.Email, Registrar.Password)).Challenge;
        _people.Registrar.WaitOutResendInterval();
        await signIn.SendSignInCodeAsync(challenge.SignInToken);
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText(anna.Phone, 2));
        var done = await signIn.VerifySmsCodeAsync(challenge.SignInToken, code);

        _token.Token = done.Session.SessionToken;
        var sessions = _services.GetRequiredService<ConnectSessionClient>();
        Assert.Equal(anna.Email, (await sessions.WhoAmIAsync()).Email);
        Assert.True(await sessions.CheckAccessAsync("contributions"));
        Assert.Equal(2, (await sessions.ListSessionsAsync()).Count);
        Assert.Equal(anna.Email, (await _services.GetRequiredService<ConnectAccountClient>().GetAccountAsync()).Email);

        await sessions.SignOutAsync();
        var ended = await Assert.ThrowsAsync<ConnectClientException>(() => sessions.WhoAmIAsync());
        Assert.Equal(ErrorReason.SessionInvalid, ended.Reason);
    }

    private sealed class TokenHolder : ISessionTokenProvider
    {
        public string? Token { get; set; }

        public string? GetSessionToken() => Token;
    }
}
