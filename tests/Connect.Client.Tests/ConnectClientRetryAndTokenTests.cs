using Connect.Client;
using Connect.V1;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StatusCode = Grpc.Core.StatusCode;

namespace Connect.Client.Tests;

/// <summary>
/// Retries, deadlines and application tokens of the client library against a tiny real gRPC server on loopback that
/// answers UNAVAILABLE or refuses credentials when told to.
/// </summary>
public sealed class ConnectClientRetryAndTokenTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private TinyConnectServer _server = null!;
    private ServiceProvider? _services;

    public async Task InitializeAsync() => _server = await TinyConnectServer.StartAsync(_time);

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AReadThatMeetsUnavailable_IsRepeated_AndSucceeds()
    {
        _server.State.UnavailableFirst = 1;
        var sessions = Client().GetRequiredService<ConnectSessionClient>();

        Assert.Equal("person-1", (await sessions.WhoAmIAsync()).PersonId);
        Assert.Equal(2, _server.State.Calls("WhoAmI"));
    }

    [Fact]
    public async Task AReadThatKeepsMeetingUnavailable_GivesUpAfterThreeAttempts_WithTheTypedException()
    {
        _server.State.UnavailableFirst = 10;
        var sessions = Client().GetRequiredService<ConnectSessionClient>();

        var failed = await Assert.ThrowsAsync<ConnectClientException>(() => sessions.WhoAmIAsync());
        Assert.Equal(StatusCode.Unavailable, failed.StatusCode);
        Assert.Equal(3, _server.State.Calls("WhoAmI"));
    }

    [Fact]
    public async Task AChangeThatMeetsUnavailable_IsNeverRepeated()
    {
        _server.State.UnavailableFirst = 1;
        var members = Client().GetRequiredService<ConnectMemberClient>();

        var failed = await Assert.ThrowsAsync<ConnectClientException>(() => members.CreateMemberAsync(new CreateMemberRequest { Email = "new@example.ch" }));
        Assert.Equal(StatusCode.Unavailable, failed.StatusCode);
        Assert.Equal(1, _server.State.Calls("CreateMember"));
    }

    [Fact]
    public async Task AnApplication_ExchangesItsSecretOnce_ForManyCallsAtOnce_AndSendsTheTokenAsBearer()
    {
        var provider = Client(o => { o.ClientId = "payroll"; o.ClientSecret = "s3cret"; });
        var sessions = provider.GetRequiredService<ConnectSessionClient>();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => sessions.WhoAmIAsync()));

        Assert.Equal(1, _server.State.Calls("CreateApplicationToken"));
        var seen = _server.State.Authorizations.ToList();
        Assert.Contains("CreateApplicationToken: none", seen);
        Assert.Equal(20, seen.Count(line => line == "WhoAmI: Bearer cat.payroll.1"));
    }

    [Fact]
    public async Task AnApplicationsToken_IsRenewedShortlyBeforeItExpires()
    {
        var sessions = Client(o => { o.ClientId = "payroll"; o.ClientSecret = "s3cret"; }).GetRequiredService<ConnectSessionClient>();

        await sessions.WhoAmIAsync();
        _time.Advance(TimeSpan.FromMinutes(57));
        await sessions.WhoAmIAsync();
        Assert.Equal(1, _server.State.Calls("CreateApplicationToken"));

        _time.Advance(TimeSpan.FromMinutes(1.5));
        await sessions.WhoAmIAsync();
        Assert.Equal(2, _server.State.Calls("CreateApplicationToken"));
        Assert.EndsWith("WhoAmI: Bearer cat.payroll.2", _server.State.Authorizations.Last());
    }

    [Fact]
    public async Task RefusedCredentials_FailTheCall_WithTheirReason()
    {
        _server.State.RefuseTokensWith = "APPLICATION_CREDENTIALS_INVALID";
        var members = Client(o => { o.ClientId = "payroll"; o.ClientSecret = "wrong"; }).GetRequiredService<ConnectMemberClient>();

        var refused = await Assert.ThrowsAsync<ConnectClientException>(() => members.CreateMemberAsync(new CreateMemberRequest { Email = "new@example.ch" }));
        Assert.Equal(ErrorReason.ApplicationCredentialsInvalid, refused.Reason);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Equal(0, _server.State.Calls("CreateMember"));
    }

    [Fact]
    public void ApplicationCredentials_BesideASessionTokenProvider_AreRefused()
    {
        var provider = new ServiceCollection()
            .AddConnectClient(o => { o.Address = _server.Address; o.ClientId = "payroll"; o.ClientSecret = "s3cret"; })
            .AddSingleton<ISessionTokenProvider, NoSession>()
            .BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ConnectClientOptions>>().Value);
        Assert.Contains("ISessionTokenProvider", refused.Message);
        Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddConnectClient(o => o.ClientId = "payroll")
            .BuildServiceProvider().GetRequiredService<IOptions<ConnectClientOptions>>().Value);
    }

    [Fact]
    public void TheOptions_BindFromAConfigurationSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connect:Address"] = "http://connect.test:50051",
            ["Connect:Deadline"] = "00:00:05",
            ["Connect:ClientId"] = "payroll",
            ["Connect:ClientSecret"] = "s3cret",
            ["Connect:SessionCookieName"] = "connect_session",
        }).Build();

        var options = new ServiceCollection().AddConnectClient(configuration.GetSection("Connect")).BuildServiceProvider()
            .GetRequiredService<IOptions<ConnectClientOptions>>().Value;

        Assert.Equal(new Uri("http://connect.test:50051"), options.Address);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Deadline);
        Assert.Equal("payroll", options.ClientId);
        Assert.Equal("connect_session", options.SessionCookieName);
    }

    [Fact]
    public void EveryReadOfTheApi_IsAmongTheCallsSafeToRepeat_AndNoChangeIs()
    {
        var safe = ConnectRetryPolicy.SafeMethods.Select(m => m.Service + "/" + m.Method).ToHashSet();
        var services = new[]
        {
            SessionService.Descriptor, AccountService.Descriptor, MemberService.Descriptor, ApplicationService.Descriptor,
            OrganizationService.Descriptor, InvitationService.Descriptor, SupportService.Descriptor, AuditService.Descriptor,
            ActivationService.Descriptor, RegistrationService.Descriptor, SignInService.Descriptor,
        };
        var reads = services.SelectMany(s => s.Methods)
            .Where(m => !m.IsServerStreaming && (m.Name.StartsWith("Get", StringComparison.Ordinal) || m.Name.StartsWith("List", StringComparison.Ordinal)
                || m.Name.StartsWith("Search", StringComparison.Ordinal)))
            .Select(m => m.Service.FullName + "/" + m.Name)
            .Concat(["connect.v1.SessionService/WhoAmI", "connect.v1.SessionService/CheckAccess", "connect.v1.ApplicationService/CreateApplicationToken"])
            .ToHashSet();

        Assert.Equal(reads.Order(), safe.Order());
        Assert.DoesNotContain("connect.v1.MemberService/CreateMember", safe);
        Assert.DoesNotContain("connect.v1.MemberService/VerifyMemberPhone", safe);
    }

    private ServiceProvider Client(Action<ConnectClientOptions>? configure = null)
    {
        _services = new ServiceCollection()
            .AddSingleton<TimeProvider>(_time)
            .AddConnectClient(o =>
            {
                o.Address = _server.Address;
                configure?.Invoke(o);
            })
            .BuildServiceProvider();
        return _services;
    }

    private sealed class NoSession : ISessionTokenProvider
    {
        public string? GetSessionToken() => null;
    }
}
