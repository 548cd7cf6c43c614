using Connect.V1;
using Google.Rpc;
using Grpc.Core;
using Domain = Connect.Grpc.Domain;

namespace Connect.Grpc.Tests.Invitations;

/// <summary>Resending ("print again"): a new code the same way, the old one dead at once; and what cannot be resent.</summary>
public sealed class ResendTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly InvitationTestKit _kit;

    public ResendTests(ClassServer shared)
    {
        _server = shared.Server;
        _kit = new InvitationTestKit(_server, shared.Channel);
    }

    [Fact]
    public async Task ResendEmail_MailsANewCodeToTheSameAddressInTheSameLanguage_AndKillsTheOldCode()
    {
        var bearer = await _kit.Operator();
        var organization = await _kit.Organization("701.001", language: "de");
        var old = (await _kit.Invitations.CreateInvitationAsync(
            new() { OrganizationId = organization.Id, Email = "capo@muster.test", Language = Language.It }, bearer)).Invitation;
        var oldCode = TestCodes.AccessCode(await _server.Mail.WaitForText("capo@muster.test"))!;
        _server.Time.Advance(TimeSpan.FromMinutes(1)); // the mailbox orders e-mails by their date

        var resent = (await _kit.Invitations.ResendInvitationAsync(new() { Id = old.Id }, bearer));

        var invitation = resent.Invitation;
        Assert.NotEqual(old.Id, invitation.Id);
        Assert.Equal((InvitationDelivery.Email, "capo@muster.test", InvitationState.Pending), (invitation.Delivery, invitation.Email, invitation.State));
        Assert.Equal(old.Id, invitation.ReplacesInvitationId);
        Assert.True(resent.LetterPdf.IsEmpty);
        Assert.Equal(14, (invitation.ExpireTime.ToDateTime() - invitation.CreateTime.ToDateTime()).TotalDays, 3);
        var mail = await _server.Mail.WaitForText("capo@muster.test", 2);
        Assert.Contains("Buongiorno", mail); // the invitation's language, not the organisation's German
        var newCode = TestCodes.AccessCode(mail)!;
        Assert.NotEqual(oldCode, newCode);

        var listed = (await _kit.Invitations.ListInvitationsAsync(new() { OrganizationId = organization.Id }, bearer)).Invitations;
        Assert.Equal([invitation.Id, old.Id], listed.Select(i => i.Id));
        Assert.Equal(InvitationState.Revoked, listed[1].State);
        Assert.Equal(invitation.Id, listed[1].ReplacedByInvitationId);
        Assert.NotNull(listed[1].RevokeTime);
        Assert.Equal("it", _kit.Stored(invitation.Id).Language);

        var resentEvent = Assert.Single(_kit.Events(organization.Id, "invitation.resent"));
        Assert.Equal(old.Id, resentEvent.Details["old_invitation_id"]);
        Assert.Equal(invitation.Id, resentEvent.Details["new_invitation_id"]);
        Assert.DoesNotContain(resentEvent.Details.Values, v => v.Contains(newCode) || v.Contains(oldCode));

        await RpcAssert.Fails(StatusCode.NotFound, "ACCESS_CODE_INVALID", _kit.Registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = oldCode }));
        await _kit.Registrar.RegisterNew(newCode, "capo@muster.test", "+41795590001");
    }

    [Fact]
    public async Task ResendLetter_ReturnsTheNewLetter_WhoseCodeWorks_WhileThePrintedOneIsDead()
    {
        var bearer = await _kit.Operator();
        var organization = await _kit.Organization("701.002", "Schreinerei Holz AG");
        var first = await _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Letter = new() }, bearer);

        var resent = await _kit.Invitations.ResendInvitationAsync(new() { Id = first.Invitation.Id }, bearer);

        Assert.Equal((InvitationDelivery.Letter, InvitationState.Pending), (resent.Invitation.Delivery, resent.Invitation.State));
        Assert.Equal(first.Invitation.Id, resent.Invitation.ReplacesInvitationId);
        var page = Assert.Single(LetterPdf.Read(resent.LetterPdf.ToByteArray()));
        Assert.Contains("Schreinerei Holz AG", page.Text);
        var newCode = TestCodes.AccessCode(page.Text)!;
        Assert.NotEqual(first.AccessCode, newCode);
        Assert.Equal("http://console.test/register?code=" + newCode, Assert.Single(page.QrCodes));

        await RpcAssert.Fails(StatusCode.NotFound, "ACCESS_CODE_INVALID",
            _kit.Registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = first.AccessCode }));
        await _kit.Registrar.RegisterNew(newCode, "chef@holz.test", "+41795590002");
        Assert.Single(_kit.Events(organization.Id, "invitation.resent"));
    }

    [Fact]
    public async Task ResendExpiredInvitation_IssuesANewPendingOne()
    {
        var bearer = await _kit.Operator();
        var organization = await _kit.Organization("701.003");
        var old = (await _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Letter = new() }, bearer)).Invitation;
        _server.Store().Write(w =>
        {
            var stored = w.Get<Domain.Invitation>(old.Id)!;
            stored.ExpiresAt = _server.Time.GetUtcNow().UtcDateTime.AddSeconds(-1);
            w.Update(stored);
            return stored;
        });
        Assert.Equal(InvitationState.Expired,
            (await _kit.Invitations.ListInvitationsAsync(new() { OrganizationId = organization.Id }, bearer)).Invitations.Single().State);

        var resent = await _kit.Invitations.ResendInvitationAsync(new() { Id = old.Id }, bearer);

        Assert.Equal(InvitationState.Pending, resent.Invitation.State);
        Assert.Equal(30, (resent.Invitation.ExpireTime.ToDateTime() - resent.Invitation.CreateTime.ToDateTime()).TotalDays, 3);
        var listed = (await _kit.Invitations.ListInvitationsAsync(new() { OrganizationId = organization.Id }, bearer)).Invitations;
        Assert.Equal(InvitationState.Revoked, listed[1].State); // replaced, so no longer merely expired
    }

    [Fact]
    public async Task ResendRedeemedOrRevokedInvitation_FailsWithInvitationNotPending_AndIssuesNothing()
    {
        var bearer = await _kit.Operator();
        var organization = await _kit.Organization("701.004");
        var redeemed = await _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Letter = new() }, bearer);
        await _kit.Registrar.RegisterNew(redeemed.AccessCode, "chef@muster.test", "+41795590004");
        var revoked = (await _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Letter = new() }, bearer)).Invitation;
        await _kit.Invitations.RevokeInvitationAsync(new() { Id = revoked.Id }, bearer);
        var replaced = (await _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Letter = new() }, bearer)).Invitation;
        await _kit.Invitations.ResendInvitationAsync(new() { Id = replaced.Id }, bearer);
        var before = _kit.Written(organization.Id);

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "INVITATION_NOT_PENDING",
            _kit.Invitations.ResendInvitationAsync(new() { Id = redeemed.Invitation.Id }, bearer));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "INVITATION_NOT_PENDING",
            _kit.Invitations.ResendInvitationAsync(new() { Id = revoked.Id }, bearer));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "INVITATION_NOT_PENDING",
            _kit.Invitations.ResendInvitationAsync(new() { Id = replaced.Id }, bearer)); // already resent once

        Assert.Equal(before, _kit.Written(organization.Id));
    }

    [Fact]
    public async Task ResendForASuspendedOrganization_FailsWithOrganizationSuspended_AndTheOldCodeStillStands()
    {
        var bearer = await _kit.Operator();
        var organization = await _kit.Organization("701.005");
        var letter = (await _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Letter = new() }, bearer)).Invitation;
        var email = (await _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Email = "chef@muster.test" }, bearer)).Invitation;
        await _server.Mail.WaitForText("chef@muster.test");
        _server.Suspend(organization.Id);
        var before = _kit.Written(organization.Id);

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ORGANIZATION_SUSPENDED", _kit.Invitations.ResendInvitationAsync(new() { Id = letter.Id }, bearer));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ORGANIZATION_SUSPENDED", _kit.Invitations.ResendInvitationAsync(new() { Id = email.Id }, bearer));

        Assert.Equal(before, _kit.Written(organization.Id));
        Assert.Null(_kit.Stored(letter.Id).RevokedAt);
        Assert.Null(_kit.Stored(email.Id).ReplacedById);
        await Task.Delay(300);
        Assert.Single(_server.Mail.To("chef@muster.test"));
    }

    [Fact]
    public async Task ResendBootstrapInvitation_IsRefusedWithFieldInvalid()
    {
        _ = _server.BootstrapCode;
        var fund = _server.Stored<Domain.Invitation>().First(i => i.Delivery == Domain.InvitationDelivery.Bootstrap);
        var bearer = await _kit.Operator(); // redeems the bootstrap invitation
        var pending = _server.Store().Write(w =>
        {
            // A second, pending bootstrap invitation, as if the first start had printed one that nobody used yet.
            var copy = new Domain.Invitation
            {
                OrganizationId = fund.OrganizationId, Delivery = Domain.InvitationDelivery.Bootstrap, CodeHash = "unused",
                CreatedAt = _server.Time.GetUtcNow().UtcDateTime, ExpiresAt = _server.Time.GetUtcNow().UtcDateTime.AddHours(1),
            };
            w.Insert(copy);
            return copy;
        });

        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", _kit.Invitations.ResendInvitationAsync(new() { Id = pending.Id }, bearer));
        Assert.Equal("id", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", _kit.Invitations.ResendInvitationAsync(new() { Id = fund.Id }, bearer));
        Assert.Null(_kit.Stored(pending.Id).RevokedAt);
    }

    [Fact]
    public async Task ResendAndRevoke_UnknownIds_FailWithInvitationNotFound()
    {
        var bearer = await _kit.Operator();

        await RpcAssert.Fails(StatusCode.NotFound, "INVITATION_NOT_FOUND", _kit.Invitations.ResendInvitationAsync(new() { Id = "00000000000000000000000000000000" }, bearer));
        await RpcAssert.Fails(StatusCode.NotFound, "INVITATION_NOT_FOUND", _kit.Invitations.ResendInvitationAsync(new() { Id = new string('x', 200) }, bearer));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", _kit.Invitations.ResendInvitationAsync(new(), bearer));
        await RpcAssert.Fails(StatusCode.NotFound, "INVITATION_NOT_FOUND", _kit.Invitations.RevokeInvitationAsync(new() { Id = "00000000000000000000000000000000" }, bearer));
    }

    [Fact]
    public async Task RevokeTwice_FailsWithInvitationNotPending_AndTheFirstRevocationStands()
    {
        var bearer = await _kit.Operator();
        var organization = await _kit.Organization("701.006");
        var letter = await _kit.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Letter = new() }, bearer);
        var revoked = (await _kit.Invitations.RevokeInvitationAsync(new() { Id = letter.Invitation.Id }, bearer)).Invitation;
        Assert.Equal(InvitationState.Revoked, revoked.State);
        var before = _kit.Written(organization.Id);
        _server.Time.Advance(TimeSpan.FromMinutes(1));

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "INVITATION_NOT_PENDING", _kit.Invitations.RevokeInvitationAsync(new() { Id = letter.Invitation.Id }, bearer));

        Assert.Equal(before, _kit.Written(organization.Id));
        Assert.Equal(revoked.RevokeTime.ToDateTime(), DateTime.SpecifyKind(_kit.Stored(letter.Invitation.Id).RevokedAt!.Value, DateTimeKind.Utc));
        Assert.Single(_kit.Events(organization.Id, "invitation.revoked"));
        await RpcAssert.Fails(StatusCode.NotFound, "ACCESS_CODE_INVALID", _kit.Registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = letter.AccessCode }));
    }
}
