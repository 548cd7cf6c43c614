using Connect.V1;
using Google.Rpc;
using Grpc.Core;

namespace Connect.Grpc.Tests.Invitations;

public sealed class OrganizationAndInvitationTests : IDisposable
{
    private readonly ConnectServerFactory _server = new();
    private readonly Registrar _registrar;

    public OrganizationAndInvitationTests() => _registrar = new Registrar(_server, _server.CreateChannel());

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Operator_CreatesGetsAndPagesOrganizations()
    {
        var bearer = RpcAssert.Bearer(await _registrar.Operator());
        var created = await _registrar.Organization(bearer.GetValue("authorization")![7..], "ch.123/45-6", "Bäckerei Müller");
        Assert.Equal("CH.123/45-6", created.AffiliateNumber);
        Assert.Equal(OrganizationState.Active, created.State);
        Assert.Equal(["contributions"], created.TopicIds);
        Assert.False(created.Fund);
        Assert.False(string.IsNullOrEmpty(created.Etag));

        var fetched = (await _registrar.Organizations.GetOrganizationAsync(new() { Id = created.Id }, bearer)).Organization;
        Assert.Equal(created, fetched);

        string[] names = ["Zimmerei Zahnd", "Atelier Ammann", "Muster AG", "Muster AG"];
        for (var i = 0; i < 4; i++) await _registrar.Organization(bearer.GetValue("authorization")![7..], $"PAGE-{i}", names[i]);
        var seen = new List<Connect.V1.Organization>();
        var token = "";
        do
        {
            var page = await _registrar.Organizations.ListOrganizationsAsync(new() { PageSize = 2, PageToken = token }, bearer);
            Assert.True(page.Organizations.Count <= 2);
            seen.AddRange(page.Organizations);
            token = page.NextPageToken;
        } while (token != "");
        // By folded name (Bäckerei as Backerei), the two of one name by id (creation order).
        Assert.Equal(["Atelier Ammann", "Bäckerei Müller", "Caisse de compensation", "Muster AG", "Muster AG", "Zimmerei Zahnd"],
            seen.Select(o => o.DisplayName));
        Assert.Equal(["PAGE-2", "PAGE-3"], seen.Where(o => o.DisplayName == "Muster AG").Select(o => o.AffiliateNumber));
    }

    [Fact]
    public async Task CreateOrganization_BadInput_FailsWithReasons()
    {
        var operatorToken = await _registrar.Operator();
        var bearer = RpcAssert.Bearer(operatorToken);
        await _registrar.Organization(operatorToken, "555.555");

        await RpcAssert.Fails(StatusCode.AlreadyExists, "AFFILIATE_NUMBER_TAKEN",
            _registrar.Organizations.CreateOrganizationAsync(new() { DisplayName = "Copy", AffiliateNumber = " 555.555 " }, bearer));
        var unknownTopic = new CreateOrganizationRequest { DisplayName = "X", AffiliateNumber = "666" };
        unknownTopic.TopicIds.Add("astrology");
        await RpcAssert.Fails(StatusCode.InvalidArgument, "TOPIC_NOT_FOUND", _registrar.Organizations.CreateOrganizationAsync(unknownTopic, bearer));
        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            _registrar.Organizations.CreateOrganizationAsync(new() { DisplayName = new string('x', 201), AffiliateNumber = "777" }, bearer));
        Assert.Equal("display_name", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            _registrar.Organizations.CreateOrganizationAsync(new() { DisplayName = "Y", AffiliateNumber = "bad number!" }, bearer));
        await RpcAssert.Fails(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND",
            _registrar.Organizations.GetOrganizationAsync(new() { Id = "0000000000000000" }, bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            _registrar.Organizations.ListOrganizationsAsync(new() { PageToken = "garbage" }, bearer));

        var list = await _registrar.Organizations.ListOrganizationsAsync(new(), bearer);
        Assert.Equal(2, list.Organizations.Count); // nothing half-written
    }

    [Fact]
    public async Task OperatorCalls_WithoutSession_FailWithSessionRequired()
    {
        _ = _server.BootstrapCode;
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", _registrar.Organizations.ListTopicsAsync(new()));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED",
            _registrar.Organizations.CreateOrganizationAsync(new() { DisplayName = "X", AffiliateNumber = "1" }));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", _registrar.Invitations.ListInvitationsAsync(new() { OrganizationId = "x" }));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID",
            _registrar.Organizations.ListTopicsAsync(new(), RpcAssert.Bearer(new string('A', 43))));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID",
            _registrar.Organizations.ListTopicsAsync(new(), new Metadata { { "authorization", "Basic abc" } }));
    }

    [Fact]
    public async Task OperatorCalls_WithAnEmployersAdministratorSession_FailWithOperatorRequired()
    {
        var operatorToken = await _registrar.Operator();
        var organization = await _registrar.Organization(operatorToken, "888.888");
        var admin = await _registrar.RegisterNew((await _registrar.Letter(operatorToken, organization.Id)).AccessCode, "chef@muster.test", "+41795550002");
        var bearer = RpcAssert.Bearer(admin.SessionToken);

        await RpcAssert.Fails(StatusCode.PermissionDenied, "OPERATOR_REQUIRED", _registrar.Organizations.ListTopicsAsync(new(), bearer));
        await RpcAssert.Fails(StatusCode.PermissionDenied, "OPERATOR_REQUIRED", _registrar.Organizations.ListOrganizationsAsync(new(), bearer));
        await RpcAssert.Fails(StatusCode.PermissionDenied, "OPERATOR_REQUIRED",
            _registrar.Organizations.GetOrganizationAsync(new() { Id = organization.Id }, bearer));
        await RpcAssert.Fails(StatusCode.PermissionDenied, "OPERATOR_REQUIRED",
            _registrar.Organizations.CreateOrganizationAsync(new() { DisplayName = "X", AffiliateNumber = "999" }, bearer));
        await RpcAssert.Fails(StatusCode.PermissionDenied, "OPERATOR_REQUIRED",
            _registrar.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Letter = new() }, bearer));
        await RpcAssert.Fails(StatusCode.PermissionDenied, "OPERATOR_REQUIRED",
            _registrar.Invitations.ListInvitationsAsync(new() { OrganizationId = organization.Id }, bearer));
        await RpcAssert.Fails(StatusCode.PermissionDenied, "OPERATOR_REQUIRED",
            _registrar.Invitations.RevokeInvitationAsync(new() { Id = "x" }, bearer));
    }

    [Fact]
    public async Task EmailInvitation_SendsTheCodeAndLink_AndListsWithItsState()
    {
        var operatorToken = await _registrar.Operator();
        var bearer = RpcAssert.Bearer(operatorToken);
        var organization = await _registrar.Organization(operatorToken, "121.212", "Garage Rossi");

        var invitation = (await _registrar.Invitations.CreateInvitationAsync(
            new() { OrganizationId = organization.Id, Email = "Boss@Rossi.test", Language = Language.It }, bearer)).Invitation;
        Assert.Equal(InvitationDelivery.Email, invitation.Delivery);
        Assert.Equal("boss@rossi.test", invitation.Email);
        Assert.Equal(InvitationState.Pending, invitation.State);
        Assert.Equal(14, (invitation.ExpireTime.ToDateTime() - invitation.CreateTime.ToDateTime()).TotalDays, 3);

        var mail = await _server.Mail.WaitForText("boss@rossi.test");
        Assert.Contains("Garage Rossi", mail);
        var code = TestCodes.AccessCode(mail)!;
        Assert.Contains("http://console.test/register?code=" + code, mail);

        var letter = await _registrar.Letter(operatorToken, organization.Id);
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", letter.AccessCode);
        Assert.Equal("http://console.test/register?code=" + letter.AccessCode, letter.RegistrationUri);
        Assert.Equal(30, (letter.Invitation.ExpireTime.ToDateTime() - letter.Invitation.CreateTime.ToDateTime()).TotalDays, 3);

        await _registrar.RegisterNew(code, "boss@rossi.test", "+41795550003");
        await _registrar.Invitations.RevokeInvitationAsync(new() { Id = letter.Invitation.Id }, bearer);

        var listed = (await _registrar.Invitations.ListInvitationsAsync(new() { OrganizationId = organization.Id }, bearer)).Invitations;
        Assert.Equal([letter.Invitation.Id, invitation.Id], listed.Select(i => i.Id)); // newest first
        Assert.Equal(InvitationState.Revoked, listed[0].State);
        Assert.Equal(InvitationState.Redeemed, listed[1].State);
        Assert.NotNull(listed[1].RedeemTime);
    }

    [Fact]
    public async Task Invitation_BadInput_FailsWithReasons()
    {
        var operatorToken = await _registrar.Operator();
        var bearer = RpcAssert.Bearer(operatorToken);
        var organization = await _registrar.Organization(operatorToken, "131.313");

        await RpcAssert.Fails(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND",
            _registrar.Invitations.CreateInvitationAsync(new() { OrganizationId = "nope", Letter = new() }, bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            _registrar.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Email = "no address" }, bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            _registrar.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id }, bearer));
        await RpcAssert.Fails(StatusCode.NotFound, "INVITATION_NOT_FOUND", _registrar.Invitations.RevokeInvitationAsync(new() { Id = "nope" }, bearer));
        var letter = await _registrar.Letter(operatorToken, organization.Id);
        await _registrar.Invitations.RevokeInvitationAsync(new() { Id = letter.Invitation.Id }, bearer);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "INVITATION_NOT_PENDING",
            _registrar.Invitations.RevokeInvitationAsync(new() { Id = letter.Invitation.Id }, bearer));

        var listed = (await _registrar.Invitations.ListInvitationsAsync(new() { OrganizationId = organization.Id }, bearer)).Invitations;
        Assert.Single(listed);
    }
}
