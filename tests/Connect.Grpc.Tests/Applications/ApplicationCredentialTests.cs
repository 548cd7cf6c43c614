using Connect.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Connect.Grpc.Tests.Applications;

/// <summary>A credential works while it is live and not a moment after: wrong, revoked, expired and rotated-out secrets.</summary>
public sealed class ApplicationCredentialTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly MemberDriver _driver;
    private readonly ApplicationDriver _apps;

    public ApplicationCredentialTests(ClassServer shared)
    {
        _server = shared.Server;
        var channel = shared.Channel;
        _driver = new MemberDriver(_server, channel);
        _apps = new ApplicationDriver(channel);
    }

    private ApplicationService.ApplicationServiceClient Applications => _apps.Applications;

    private Task Exchange(string clientId, string secret) =>
        RpcAssert.Fails(StatusCode.Unauthenticated, "APPLICATION_CREDENTIALS_INVALID",
            Applications.CreateApplicationTokenAsync(new() { ClientId = clientId, ClientSecret = secret }));

    private Task TokenRefused(string token) =>
        RpcAssert.Fails(StatusCode.Unauthenticated, "ACCESS_TOKEN_INVALID", _driver.Members.ListMembersAsync(new(), ApplicationDriver.As(token)));

    private async Task Works(string token) => await _driver.Members.ListMembersAsync(new(), ApplicationDriver.As(token));

    [Fact]
    public async Task WrongSecrets_UnknownClientIds_AndForgedTokens_AreRefused_WithOneAnswer()
    {
        var admin = await _driver.Admin("cred-admin@muster.test", "+41795710101", "811.001");
        var credential = await _apps.Partner(admin);
        var other = await _apps.Partner(admin, "Other software");

        await Exchange(credential.ClientId, credential.ClientSecret + "x");
        await Exchange(credential.ClientId, other.ClientSecret);
        await Exchange("app_00000000000000000000", credential.ClientSecret);
        await Exchange(credential.ClientId, new string('x', 5000));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Applications.CreateApplicationTokenAsync(new() { ClientId = credential.ClientId }));

        await TokenRefused("cat." + new string('A', 43));
        await TokenRefused("cat." + new string('A', 500));
        // A secret is not a bearer: it is no session either.
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID",
            _driver.Members.ListMembersAsync(new(), ApplicationDriver.As(credential.ClientSecret)));
        await Works(await _apps.Token(credential));
    }

    [Fact]
    public async Task RevokedApplication_LosesItsSecret_AndItsTokens_AtOnce()
    {
        var admin = await _driver.Admin("revoke-admin@muster.test", "+41795710201", "811.002");
        var credential = await _apps.Partner(admin);
        var token = await _apps.Token(credential);
        await Works(token);

        var revoked = await Applications.RevokeApplicationAsync(new() { ApplicationId = credential.ApplicationId, Reason = "Contract ended" }, MemberDriver.As(admin));
        Assert.Equal(ApplicationState.Revoked, revoked.Application.State);
        Assert.Empty(revoked.Application.Secrets);

        await TokenRefused(token);
        await Exchange(credential.ClientId, credential.ClientSecret);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "APPLICATION_REVOKED",
            Applications.RevokeApplicationAsync(new() { ApplicationId = credential.ApplicationId, Reason = "Again" }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "APPLICATION_REVOKED",
            Applications.RotateApplicationSecretAsync(new() { ApplicationId = credential.ApplicationId }, MemberDriver.As(admin)));
        var audit = (await _driver.Members.ListOrganizationAuditEventsAsync(new(), MemberDriver.As(admin))).AuditEvents;
        Assert.Contains(audit, e => e.Action == "application.revoked" && e.Details["reason"] == "Contract ended" && e.ActorPersonId == admin.PersonId);
    }

    [Fact]
    public async Task ASecret_ExpiresAfterItsLifetime_AndItsTokensWithIt_TokensLastAnHour()
    {
        var admin = await _driver.Admin("expiry-admin@muster.test", "+41795710301", "811.003");
        var credential = await _apps.Partner(admin);

        var token = await _apps.Token(credential);
        _server.Time.Advance(TimeSpan.FromMinutes(59));
        await Works(token);
        _server.Time.Advance(TimeSpan.FromMinutes(2));
        await TokenRefused(token);

        // Half an hour before the secret's 365 days end: the token it gives ends with the secret, not an hour later.
        _server.Time.Advance(TimeSpan.FromDays(365) - TimeSpan.FromMinutes(61 + 30));
        var late = await _apps.Token(credential);
        await Works(late);
        _server.Time.Advance(TimeSpan.FromMinutes(31));
        await Exchange(credential.ClientId, credential.ClientSecret);
        await TokenRefused(late);
    }

    [Fact]
    public async Task Rotation_KeepsTheOldSecretForTheOverlap_ThenRefusesItAndItsTokens()
    {
        var admin = await _driver.Admin("rotate-admin@muster.test", "+41795710401", "811.004");
        var credential = await _apps.Partner(admin);
        var oldToken = await _apps.Token(credential);

        var rotated = await Applications.RotateApplicationSecretAsync(new()
        {
            ApplicationId = credential.ApplicationId,
            Overlap = Duration.FromTimeSpan(TimeSpan.FromHours(2)),
        }, MemberDriver.As(admin));
        var now = _server.Time.GetUtcNow().UtcDateTime;
        Assert.InRange(rotated.PreviousSecretsExpireTime.ToDateTime() - now.AddHours(2), TimeSpan.FromMilliseconds(-1), TimeSpan.Zero);
        Assert.Equal(2, rotated.Application.Secrets.Count);
        Assert.Equal(rotated.ClientSecret[..7], rotated.Application.Secrets[0].Hint);
        var renewed = credential with { ClientSecret = rotated.ClientSecret };

        // During the overlap both secrets work, so the partner can deploy the new one without a gap.
        await Works(oldToken);
        var stillOld = await _apps.Token(credential);
        await Works(await _apps.Token(renewed));

        _server.Time.Advance(TimeSpan.FromHours(2));
        await Exchange(credential.ClientId, credential.ClientSecret);
        await TokenRefused(oldToken);
        await TokenRefused(stillOld);
        await Works(await _apps.Token(renewed));
        var signedIn = (await _driver.SignIn.WithSms(admin)).Session.SessionToken;
        Assert.Single((await Applications.GetApplicationAsync(new() { ApplicationId = credential.ApplicationId }, RpcAssert.Bearer(signedIn))).Application.Secrets);
    }

    [Fact]
    public async Task Rotation_WithoutOverlap_RefusesTheOldSecretAtOnce_AndBadOverlapsAreRefused()
    {
        var admin = await _driver.Admin("leak-admin@muster.test", "+41795710501", "811.005");
        var credential = await _apps.Partner(admin);
        var oldToken = await _apps.Token(credential);

        // Too long, negative, and not a valid Duration at all (nanos out of range, mixed signs, beyond ±10,000 years): never INTERNAL.
        var overlaps = new[]
        {
            Duration.FromTimeSpan(TimeSpan.FromDays(31)), new Duration { Seconds = -1 }, new Duration { Nanos = 1_000_000_000 },
            new Duration { Seconds = 1, Nanos = -1 }, new Duration { Seconds = long.MaxValue },
        };
        foreach (var overlap in overlaps)
        {
            var refused = await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
                Applications.RotateApplicationSecretAsync(new() { ApplicationId = credential.ApplicationId, Overlap = overlap }, MemberDriver.As(admin)));
            Assert.Equal("overlap", Assert.Single(refused.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations).Field);
        }
        await Works(oldToken);

        var rotated = await Applications.RotateApplicationSecretAsync(new()
        {
            ApplicationId = credential.ApplicationId,
            Overlap = new Duration(),
        }, MemberDriver.As(admin));
        await Exchange(credential.ClientId, credential.ClientSecret);
        await TokenRefused(oldToken);
        await Works(await _apps.Token(credential with { ClientSecret = rotated.ClientSecret }));
    }

    [Fact]
    public async Task ASuspendedOrganizationsIntegration_CannotCall_UntilReopened()
    {
        var admin = await _driver.Admin("suspend-admin@muster.test", "+41795710601", "811.006");
        var credential = await _apps.Partner(admin);
        var token = await _apps.Token(credential);
        var operatorToken = RpcAssert.Bearer(await _driver.SignIn.OperatorToken());

        await _driver.Registrar.Organizations.SuspendOrganizationAsync(new() { Id = admin.OrganizationId, Reason = "Unpaid" }, operatorToken);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ORGANIZATION_SUSPENDED", _driver.Members.ListMembersAsync(new(), ApplicationDriver.As(token)));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ORGANIZATION_SUSPENDED",
            Applications.CreateApplicationTokenAsync(new() { ClientId = credential.ClientId, ClientSecret = credential.ClientSecret }));

        await _driver.Registrar.Organizations.ReopenOrganizationAsync(new() { Id = admin.OrganizationId, Reason = "Paid" }, operatorToken);
        await Works(token);
    }
}
