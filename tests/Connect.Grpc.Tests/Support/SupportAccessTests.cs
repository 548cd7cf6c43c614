using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Support;

/// <summary>Support and the audit log are the fund operators' alone: no session, or another person's, is refused.</summary>
public sealed class SupportAccessTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly SupportDriver _driver;

    public SupportAccessTests(ClassServer shared)
    {
        _server = shared.Server;
        _driver = new SupportDriver(_server, shared.Channel);
    }

    private IEnumerable<Func<Metadata?, Task>> Calls(string personId)
    {
        var filter = new AuditEventFilter();
        yield return headers => _driver.Support.SearchPersonsAsync(new() { Query = "muster" }, headers).ResponseAsync;
        yield return headers => _driver.Support.GetPersonAsync(new() { Id = personId }, headers).ResponseAsync;
        yield return headers => _driver.Support.ResetSecondFactorAsync(new() { PersonId = personId, Reason = "lost phone" }, headers).ResponseAsync;
        yield return headers => _driver.Support.ResendPersonActivationAsync(new() { PersonId = personId, Reason = "spam" }, headers).ResponseAsync;
        yield return headers => _driver.Audit.SearchAuditEventsAsync(new() { Filter = filter }, headers).ResponseAsync;
        yield return async headers =>
        {
            using var call = _driver.Audit.ExportAuditEvents(new() { Filter = filter }, headers);
            await call.ResponseStream.MoveNext(CancellationToken.None);
        };
    }

    [Fact]
    public async Task EveryNewSupportAndAuditCall_WithoutASession_FailsWithSessionRequired_AndWithAnotherSession_WithOperatorRequired()
    {
        var admin = await _driver.Members.Admin("not-an-operator@muster.test", "+41795680101", "605.001");
        var before = await _driver.Person(admin.PersonId);

        foreach (var call in Calls(admin.PersonId))
        {
            await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", () => call(null));
            await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", () => call(RpcAssert.Bearer("not-a-session")));
            await RpcAssert.Fails(StatusCode.PermissionDenied, "OPERATOR_REQUIRED", () => call(MemberDriver.As(admin)));
        }

        Assert.Equal(before, await _driver.Person(admin.PersonId));
        Assert.Equal(admin.Email, (await _driver.People.Sessions.WhoAmIAsync(new(), MemberDriver.As(admin))).Email);
    }
}
