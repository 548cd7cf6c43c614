using Connect.V1;
using Google.Rpc;
using Grpc.Core;

namespace Connect.Grpc.Tests.Applications;

/// <summary>An internal app's OpenID Connect URIs: set by an operator, checked one by one, kept exactly as given.</summary>
public sealed class ApplicationSignInTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly MemberDriver _driver;
    private readonly ApplicationDriver _apps;

    public ApplicationSignInTests(ClassServer shared)
    {
        _server = shared.Server;
        _driver = new MemberDriver(_server, shared.Channel);
        _apps = new ApplicationDriver(shared.Channel);
    }

    private static ApplicationSignIn SignIn(IEnumerable<string> redirects, IEnumerable<string>? postLogout = null, string backchannel = "") =>
        new() { RedirectUris = { redirects }, PostLogoutRedirectUris = { postLogout ?? [] }, BackchannelLogoutUri = backchannel };

    [Fact]
    public async Task AnOperator_SetsTheUris_ExactlyAsGiven_AndTheAuditLogSaysSo()
    {
        var operatorToken = await _driver.SignIn.OperatorToken();
        var app = await _apps.Internal(operatorToken, "Salary declaration");
        var updated = (await _apps.Applications.UpdateApplicationSignInAsync(new()
        {
            ApplicationId = app.ApplicationId,
            SignIn = SignIn(["https://salaires.caisse.example/signin-oidc", "http://localhost:5173/callback"],
                ["https://salaires.caisse.example/"], "https://salaires.caisse.example/backchannel"),
        }, RpcAssert.Bearer(operatorToken))).Application;

        Assert.Equal(["https://salaires.caisse.example/signin-oidc", "http://localhost:5173/callback"], updated.SignIn.RedirectUris);
        Assert.Equal(["https://salaires.caisse.example/"], updated.SignIn.PostLogoutRedirectUris);
        Assert.Equal("https://salaires.caisse.example/backchannel", updated.SignIn.BackchannelLogoutUri);
        var read = (await _apps.Applications.GetApplicationAsync(new() { ApplicationId = app.ApplicationId }, RpcAssert.Bearer(operatorToken))).Application;
        Assert.Equal(updated.SignIn, read.SignIn);
        var audited = Assert.Single(_server.Stored<Domain.AuditEvent>(), e => e.Action == "application.sign_in_updated" && e.TargetId == app.ApplicationId);
        Assert.Equal("https://salaires.caisse.example/signin-oidc http://localhost:5173/callback", audited.Details["redirect_uris"]);
    }

    [Theory]
    [InlineData("http://salaires.caisse.example/cb", "sign_in.redirect_uris[0]")]
    [InlineData("https://salaires.caisse.example/cb#x", "sign_in.redirect_uris[0]")]
    [InlineData("/relative/cb", "sign_in.redirect_uris[0]")]
    [InlineData("https://user:pw@salaires.caisse.example/cb", "sign_in.redirect_uris[0]")]
    [InlineData("https://salaires.caisse.example/a b", "sign_in.redirect_uris[0]")]
    [InlineData("", "sign_in.redirect_uris[0]")]
    public async Task AUriThatBreaksTheRules_IsRefused_ByName_AndNothingChanges(string uri, string field)
    {
        var operatorToken = await _driver.SignIn.OperatorToken();
        var app = await _apps.Internal(operatorToken, "App " + Guid.NewGuid().ToString("N")[..8]);
        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", _apps.Applications.UpdateApplicationSignInAsync(
            new() { ApplicationId = app.ApplicationId, SignIn = SignIn([uri]) }, RpcAssert.Bearer(operatorToken)));
        Assert.Equal(field, Assert.Single(status.GetDetail<BadRequest>()!.FieldViolations).Field);
        Assert.Null((await _apps.Applications.GetApplicationAsync(new() { ApplicationId = app.ApplicationId }, RpcAssert.Bearer(operatorToken))).Application.SignIn);
    }

    [Fact]
    public async Task TheLists_AreBounded_AndAPartnerOrAnAdministratorIsRefused()
    {
        var operatorToken = await _driver.SignIn.OperatorToken();
        var app = await _apps.Internal(operatorToken, "Bounded app");
        var headers = RpcAssert.Bearer(operatorToken);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", _apps.Applications.UpdateApplicationSignInAsync(
            new() { ApplicationId = app.ApplicationId, SignIn = SignIn([]) }, headers));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", _apps.Applications.UpdateApplicationSignInAsync(
            new() { ApplicationId = app.ApplicationId, SignIn = SignIn(Enumerable.Range(0, 11).Select(i => $"https://a.example/{i}")) }, headers));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", _apps.Applications.UpdateApplicationSignInAsync(
            new() { ApplicationId = app.ApplicationId, SignIn = SignIn(["https://a.example/cb", "https://a.example/cb"]) }, headers));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", _apps.Applications.UpdateApplicationSignInAsync(
            new() { ApplicationId = app.ApplicationId, SignIn = SignIn(["https://a.example/cb"], backchannel: "http://a.example/bc") }, headers));

        var admin = await _driver.Admin("oidc-partner@muster.test", "+41795730901", "839.001");
        var partner = await _apps.Partner(admin);
        await RpcAssert.Fails(StatusCode.PermissionDenied, "OPERATOR_REQUIRED", _apps.Applications.UpdateApplicationSignInAsync(
            new() { ApplicationId = partner.ApplicationId, SignIn = SignIn(["https://a.example/cb"]) }, MemberDriver.As(admin)));
        // The fund's own partner integration is an operator's too, but it never signs people in.
        var fundPartner = await _apps.Applications.CreateApplicationAsync(new() { DisplayName = "Fund partner", Kind = ApplicationKind.Partner, Scopes = { "users.read" } }, headers);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "APPLICATION_KIND_INVALID", _apps.Applications.UpdateApplicationSignInAsync(
            new() { ApplicationId = fundPartner.Application.Id, SignIn = SignIn(["https://a.example/cb"]) }, headers));
    }
}
