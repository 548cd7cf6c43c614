using Connect.V1;
using Google.Rpc;
using Grpc.Core;

namespace Connect.Grpc.Tests.Invitations;

/// <summary>Issuing one invitation: the refusals (suspended, no postal address) and a new administrator beside existing members.</summary>
public sealed class InvitationIssueTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly InvitationTestKit _kit;

    public InvitationIssueTests(ClassServer shared)
    {
        _server = shared.Server;
        _kit = new InvitationTestKit(_server, shared.Channel);
    }

    [Fact]
    public async Task LetterForAnOrganizationWithoutPostalAddress_FailsWithPostalAddressMissing_AndIssuesNothing()
    {
        var bearer = await _kit.Operator();
        var organization = await _kit.OrganizationWithoutAddress("501.001");
        var before = _kit.Written(organization.Id);

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "POSTAL_ADDRESS_MISSING",
            _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Letter = new() }, bearer));

        // A street line alone is not an address either: the post needs the postal code and locality.
        _server.SetContact(organization.Id, new() { AddressLines = ["Bahnhofstrasse 1"], Locality = "Bern" });
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "POSTAL_ADDRESS_MISSING",
            _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Letter = new() }, bearer));

        Assert.Equal(before, _kit.Written(organization.Id));
        Assert.Empty((await _kit.Invitations.ListInvitationsAsync(new() { OrganizationId = organization.Id }, bearer)).Invitations);
    }

    [Fact]
    public async Task EmailInvitation_NeedsNoPostalAddress()
    {
        var bearer = await _kit.Operator();
        var organization = await _kit.OrganizationWithoutAddress("501.002");

        var invitation = (await _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Email = "chef@muster.test" }, bearer)).Invitation;

        Assert.Equal(InvitationState.Pending, invitation.State);
        Assert.Contains("Muster AG", await _server.Mail.WaitForText("chef@muster.test"));
    }

    [Fact]
    public async Task SuspendedOrganization_GetsNoInvitation_ByEmailOrLetter()
    {
        var bearer = await _kit.Operator();
        var organization = await _kit.Organization("501.003");
        _server.Suspend(organization.Id);
        var before = _kit.Written(organization.Id);

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ORGANIZATION_SUSPENDED",
            _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Email = "suspended-chef@muster.test" }, bearer));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ORGANIZATION_SUSPENDED",
            _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Letter = new() }, bearer));

        Assert.Equal(before, _kit.Written(organization.Id));
        await Task.Delay(300); // the outbox would have delivered by now
        Assert.Empty(_server.Mail.To("suspended-chef@muster.test"));
    }

    [Fact]
    public async Task SuspendedOrganization_WithoutAddress_AnswersSuspendedFirst()
    {
        var bearer = await _kit.Operator();
        var organization = await _kit.OrganizationWithoutAddress("501.004");
        _server.Suspend(organization.Id);

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ORGANIZATION_SUSPENDED",
            _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Letter = new() }, bearer));
    }

    [Fact]
    public async Task CreateInvitation_BadOrganizationIds_FailWithReasons()
    {
        var bearer = await _kit.Operator();

        await RpcAssert.Fails(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND",
            _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = "0000", Letter = new() }, bearer));
        await RpcAssert.Fails(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND",
            _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = new string('x', 500), Email = "a@b.test" }, bearer));
        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            _kit.Invitations.CreateInvitationAsync(new() { Letter = new() }, bearer));
        Assert.Equal("organization_id", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task LetterInvitation_ForAnOrganizationWithMembers_RegistersANewAdministratorBesideThem()
    {
        var driver = new MemberDriver(_server, _server.CreateChannel());
        var first = await driver.Admin("first@muster.test", "+41795580001", "501.005");
        var operatorToken = await driver.SignIn.OperatorToken();

        // The first administrator has left and nobody knows their password: the fund sends a new invitation.
        var letter = await driver.Registrar.Letter(operatorToken, first.OrganizationId);
        var code = TestCodes.AccessCode(Assert.Single(LetterPdf.Read(letter.LetterPdf.ToByteArray())).Text)!;
        var second = await driver.Registrar.RegisterNew(code, "second@muster.test", "+41795580002");

        var members = (await driver.Members.ListMembersAsync(new(), RpcAssert.Bearer(second.SessionToken))).Members;
        Assert.Equal(["first@muster.test", "second@muster.test"], members.Select(m => m.Email).Order());
        Assert.All(members, m => Assert.True(m.Administrator));
        Assert.All(members, m => Assert.Equal(MemberState.Active, m.State));
    }

    [Fact]
    public async Task EmailInvitation_KeepsItsLanguage()
    {
        var bearer = await _kit.Operator();
        var organization = await _kit.Organization("501.006", language: "de");

        var invitation = (await _kit.Invitations.CreateInvitationAsync(
            new() { OrganizationId = organization.Id, Email = "capo@muster.test", Language = Language.It }, bearer)).Invitation;
        var byDefault = (await _kit.Invitations.CreateInvitationAsync(
            new() { OrganizationId = organization.Id, Email = "chef@muster.test" }, bearer)).Invitation;

        Assert.Equal("it", _kit.Stored(invitation.Id).Language);
        Assert.Equal("de", _kit.Stored(byDefault.Id).Language); // the organisation's language
        Assert.Contains("Buongiorno", await _server.Mail.WaitForText("capo@muster.test"));
        Assert.Contains("Guten Tag", await _server.Mail.WaitForText("chef@muster.test"));
    }
}
