using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Support;

/// <summary>Support sends a person who has not chosen a password yet a new activation e-mail; the previous link dies.</summary>
public sealed class ActivationResendTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly SupportDriver _driver;

    public ActivationResendTests(ClassServer shared)
    {
        _server = shared.Server;
        _driver = new SupportDriver(_server, shared.Channel);
    }

    [Fact]
    public async Task ResendPersonActivation_ForAPendingPerson_SendsANewCode_TheOldOneDies_AndTheReasonIsAudited()
    {
        var admin = await _driver.Members.Admin("resend-admin@muster.test", "+41795670101", "604.001", "Muster AG");
        var member = await _driver.Members.Verified(admin, MemberDriver.Request("resend@muster.test", "+41795670102", "Berta", "Beispiel"));
        var first = await _driver.Members.ActivationCode("resend@muster.test", 1);
        _server.Time.Advance(TimeSpan.FromSeconds(61));
        var now = _server.Time.GetUtcNow().UtcDateTime;

        var resent = await _driver.Support.ResendPersonActivationAsync(new() { PersonId = _driver.Members.PersonIdOf(member.Email), Reason = "The first e-mail went to spam" },
            await _driver.Operator());

        Assert.Equal(now.AddDays(14), resent.ExpireTime.ToDateTime(), TimeSpan.FromSeconds(1));
        var second = await _driver.Members.ActivationCode("resend@muster.test", 2);
        Assert.NotEqual(first, second);
        Assert.Contains("Muster AG", (await _server.Mail.WaitForText("resend@muster.test", 2)));
        await RpcAssert.Fails(StatusCode.NotFound, "ACTIVATION_CODE_INVALID",
            _driver.Members.Activation.GetActivationAsync(new() { ActivationCode = first }));
        await _driver.Members.Activation.ActivateAsync(new() { ActivationCode = second, Password = Registrar.Password });
        Assert.False((await _driver.Person(_driver.Members.PersonIdOf(member.Email))).ActivationPending);

        var audited = _server.Stored<Domain.AuditEvent>().Single(e => e.Action == "person.activation_resent");
        Assert.Equal(await _driver.OperatorId(), audited.ActorPersonId);
        Assert.Equal(("person", _driver.Members.PersonIdOf(member.Email)), (audited.TargetType, audited.TargetId));
        Assert.Equal("The first e-mail went to spam", audited.Details["reason"]);
        Assert.Equal(admin.OrganizationId, audited.Details["organization_id"]);
    }

    [Fact]
    public async Task ResendPersonActivation_ForAPersonWithAPassword_FailsWithActivationNotPending()
    {
        var admin = await _driver.Members.Admin("active-admin@muster.test", "+41795670111", "604.011");
        var operatorToken = await _driver.Operator();

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ACTIVATION_NOT_PENDING",
            _driver.Support.ResendPersonActivationAsync(new() { PersonId = admin.PersonId, Reason = "asked by phone" }, operatorToken));
        // A new member whose number is not verified yet has no activation to send either.
        var (created, _) = await _driver.Members.Create(admin, MemberDriver.Request("unverified@muster.test", "+41795670112"));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ACTIVATION_NOT_PENDING",
            _driver.Support.ResendPersonActivationAsync(new() { PersonId = _driver.Members.PersonIdOf("unverified@muster.test"), Reason = "asked by phone" }, operatorToken));
        Assert.Empty(_server.Mail.To("unverified@muster.test"));
    }

    [Fact]
    public async Task ResendPersonActivation_WithoutAReason_TooSoon_OrForAnUnknownPerson_Fails_AndSendsNothing()
    {
        var admin = await _driver.Members.Admin("bad-admin@muster.test", "+41795670121", "604.021");
        var member = await _driver.Members.Verified(admin, MemberDriver.Request("bad@muster.test", "+41795670122"));
        await _server.Mail.WaitForText("bad@muster.test", 1);
        var operatorToken = await _driver.Operator();

        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            _driver.Support.ResendPersonActivationAsync(new() { PersonId = _driver.Members.PersonIdOf(member.Email), Reason = " " }, operatorToken));
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "RESEND_TOO_SOON",
            _driver.Support.ResendPersonActivationAsync(new() { PersonId = _driver.Members.PersonIdOf(member.Email), Reason = "again" }, operatorToken));
        await RpcAssert.Fails(StatusCode.NotFound, "PERSON_NOT_FOUND",
            _driver.Support.ResendPersonActivationAsync(new() { PersonId = "0123456789abcdef0123456789abcdef", Reason = "again" }, operatorToken));
        await Task.Delay(200);
        Assert.Single(_server.Mail.To("bad@muster.test"));
        Assert.DoesNotContain(_server.Stored<Domain.AuditEvent>(), e => e.Action == "person.activation_resent");
    }
}
