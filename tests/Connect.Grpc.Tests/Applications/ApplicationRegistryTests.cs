using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Applications;

/// <summary>Who registers which application with which scopes, and the input each call refuses.</summary>
public sealed class ApplicationRegistryTests : IDisposable
{
    private readonly ConnectServerFactory _server = new(settings: new Dictionary<string, string?> { ["Connect:Applications:MaxActivePerOwner"] = "3" });
    private readonly MemberDriver _driver;
    private readonly ApplicationDriver _apps;

    public ApplicationRegistryTests()
    {
        var channel = _server.CreateChannel();
        _driver = new MemberDriver(_server, channel);
        _apps = new ApplicationDriver(channel);
    }

    public void Dispose() => _server.Dispose();

    private ApplicationService.ApplicationServiceClient Applications => _apps.Applications;

    private static CreateApplicationRequest Request(string name, ApplicationKind kind, params string[] scopes) =>
        new() { DisplayName = name, Kind = kind, Scopes = { scopes } };

    [Fact]
    public async Task OnlyOperators_RegisterInternalApps_AndOnlyAdministrators_RegisterIntegrations()
    {
        var admin = await _driver.Admin("reg-admin@muster.test", "+41795730101", "831.001");
        var member = await _driver.ActiveAndSignedIn(admin, MemberDriver.Request("plain@muster.test", "+41795730102"));
        var operatorToken = await _driver.SignIn.OperatorToken();

        await RpcAssert.Fails(StatusCode.PermissionDenied, "OPERATOR_REQUIRED",
            Applications.CreateApplicationAsync(Request("Sneaky", ApplicationKind.Internal, "access.check"), MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.PermissionDenied, "ADMINISTRATOR_REQUIRED",
            Applications.CreateApplicationAsync(Request("Mine", ApplicationKind.Partner, "users.read"), MemberDriver.As(member)));
        await RpcAssert.Fails(StatusCode.PermissionDenied, "ADMINISTRATOR_REQUIRED", Applications.ListApplicationsAsync(new(), MemberDriver.As(member)));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", Applications.ListApplicationsAsync(new()));

        var internalApp = await _apps.Internal(operatorToken);
        var listed = (await Applications.ListApplicationsAsync(new(), RpcAssert.Bearer(operatorToken))).Applications;
        var single = Assert.Single(listed);
        Assert.Equal(ApplicationKind.Internal, single.Kind);
        Assert.Equal("", single.OrganizationId);
        Assert.Equal(["access.check"], single.Scopes);
        Assert.Empty((await Applications.ListApplicationsAsync(new(), MemberDriver.As(admin))).Applications);
        await RpcAssert.Fails(StatusCode.NotFound, "APPLICATION_NOT_FOUND",
            Applications.GetApplicationAsync(new() { ApplicationId = internalApp.ApplicationId }, MemberDriver.As(admin)));
    }

    [Fact]
    public async Task BadInput_IsRefused_AndNothingIsRegistered()
    {
        var admin = await _driver.Admin("input-admin@muster.test", "+41795730201", "831.002");
        var bad = new (CreateApplicationRequest Request, string Field)[]
        {
            (Request("", ApplicationKind.Partner, "users.read"), "display_name"),
            (Request(new string('x', 101), ApplicationKind.Partner, "users.read"), "display_name"),
            (Request("Tab\tName", ApplicationKind.Partner, "users.read"), "display_name"),
            (Request("No scopes", ApplicationKind.Partner), "scopes"),
            (Request("Wrong scope", ApplicationKind.Partner, "access.check"), "scopes"),
            (Request("Unknown scope", ApplicationKind.Partner, "users.read", "users.delete"), "scopes"),
            (Request("No kind", ApplicationKind.Unspecified, "users.read"), "kind"),
        };
        foreach (var (request, field) in bad)
        {
            var status = await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Applications.CreateApplicationAsync(request, MemberDriver.As(admin)));
            Assert.Equal(field, status.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Single().Field);
        }
        Assert.Empty((await Applications.ListApplicationsAsync(new(), MemberDriver.As(admin))).Applications);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Applications.GetApplicationAsync(new(), MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.NotFound, "APPLICATION_NOT_FOUND",
            Applications.GetApplicationAsync(new() { ApplicationId = new string('a', 500) }, MemberDriver.As(admin)));

        var app = await _apps.Partner(admin);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Applications.RevokeApplicationAsync(new() { ApplicationId = app.ApplicationId }, MemberDriver.As(admin)));
        await _apps.Token(app);
    }

    [Fact]
    public async Task AnOrganization_HasAtMostTheConfiguredActiveApplications_RevokedOnesDoNotCount()
    {
        var admin = await _driver.Admin("limit-admin@muster.test", "+41795730301", "831.003");
        var first = await _apps.Partner(admin, "One");
        await _apps.Partner(admin, "Two");
        await _apps.Partner(admin, "Three");
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "APPLICATION_LIMIT_REACHED",
            Applications.CreateApplicationAsync(Request("Four", ApplicationKind.Partner, "users.read"), MemberDriver.As(admin)));

        await Applications.RevokeApplicationAsync(new() { ApplicationId = first.ApplicationId, Reason = "Replaced" }, MemberDriver.As(admin));
        await _apps.Partner(admin, "Four");
        var names = (await Applications.ListApplicationsAsync(new(), MemberDriver.As(admin))).Applications
            .Select(a => (a.DisplayName, a.State)).ToList();
        Assert.Equal([("Four", ApplicationState.Active), ("Three", ApplicationState.Active), ("Two", ApplicationState.Active), ("One", ApplicationState.Revoked)], names);
    }
}
