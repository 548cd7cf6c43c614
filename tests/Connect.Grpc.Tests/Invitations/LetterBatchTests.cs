using Connect.V1;
using Google.Rpc;
using Grpc.Core;

namespace Connect.Grpc.Tests.Invitations;

/// <summary>Letters for many organisations at once: one PDF for the print shop, all or nothing.</summary>
public sealed class LetterBatchTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly InvitationTestKit _kit;

    public LetterBatchTests(ClassServer shared)
    {
        _server = shared.Server;
        _kit = new InvitationTestKit(_server, shared.Channel);
    }

    [Fact]
    public async Task Batch_IssuesOneInvitationPerOrganization_InTheOrderAsked_WithOnePagePerLetter()
    {
        var bearer = await _kit.Operator();
        var bakery = await _kit.Organization("601.001", "Boulangerie Dupont SA", "fr");
        var garage = await _kit.Organization("601.002", "Garage Rossi SA", "it");
        var joinery = await _kit.Organization("601.003", "Schreinerei Holz AG", "de");
        var request = new CreateLetterInvitationsRequest { OrganizationIds = { garage.Id, bakery.Id, joinery.Id } };

        var response = await _kit.Invitations.CreateLetterInvitationsAsync(request, bearer);

        Assert.Equal([garage.Id, bakery.Id, joinery.Id], response.Invitations.Select(i => i.OrganizationId));
        Assert.All(response.Invitations, i => Assert.Equal((InvitationDelivery.Letter, InvitationState.Pending), (i.Delivery, i.State)));
        var pages = LetterPdf.Read(response.LettersPdf.ToByteArray());
        Assert.Equal(3, pages.Count);
        Assert.Contains("Garage Rossi SA", pages[0].Text);
        Assert.Contains("Il Suo codice d'accesso", pages[0].Text);
        Assert.Contains("Boulangerie Dupont SA", pages[1].Text);
        Assert.Contains("Votre code d'accès", pages[1].Text);
        Assert.Contains("Schreinerei Holz AG", pages[2].Text);
        Assert.Contains("Ihr Zugangscode", pages[2].Text);

        // Each page's code is its own, and its QR code carries that code.
        var codes = pages.Select(p => TestCodes.AccessCode(p.Text)!).ToList();
        Assert.Equal(3, codes.Distinct().Count());
        for (var i = 0; i < 3; i++) Assert.Equal("http://console.test/register?code=" + codes[i], Assert.Single(pages[i].QrCodes));

        // The code on the garage's page registers the garage's administrator.
        var registration = await _kit.Registrar.Registration.RedeemAccessCodeAsync(new() { AccessCode = codes[0] });
        Assert.Equal("Garage Rossi SA", registration.Registration.OrganizationDisplayName);
        Assert.Single(_kit.Events(bakery.Id, "invitation.created"));
    }

    [Fact]
    public async Task Batch_OfFiveHundred_IsOnePdfOfFiveHundredPages()
    {
        var bearer = await _kit.Operator();
        var organization = await _kit.Organization("601.010");
        // 500 organisations through the store, in one transaction: only their letters are under test here.
        var ids = _server.Store().Write(w => Enumerable.Range(0, 499).Select(i =>
        {
            var copy = new Connect.Grpc.Domain.Organization
            {
                DisplayName = $"Firma {i:000}", AffiliateNumber = $"BATCH-{i:000}", Contact = OrganizationSetup.Address(),
            };
            w.Insert(copy);
            return copy.Id;
        }).ToList()).Prepend(organization.Id).ToList();
        var request = new CreateLetterInvitationsRequest();
        request.OrganizationIds.AddRange(ids);

        var response = await _kit.Invitations.CreateLetterInvitationsAsync(request, bearer);

        Assert.Equal(500, response.Invitations.Count);
        var pages = LetterPdf.Read(response.LettersPdf.ToByteArray(), decodeQrCodes: false);
        Assert.Equal(500, pages.Count);
        Assert.Contains("Firma 498", pages[499].Text);
        Assert.InRange(response.LettersPdf.Length, 1, 4 * 1024 * 1024); // within a default gRPC client's receive limit
    }

    [Fact]
    public async Task Batch_BadLists_FailWithFieldInvalid_AndIssueNothing()
    {
        var bearer = await _kit.Operator();
        var organization = await _kit.Organization("601.020");
        var before = _kit.Written(organization.Id);

        await AssertField(StatusCode.InvalidArgument, "FIELD_INVALID", new CreateLetterInvitationsRequest(), bearer);
        await AssertField(StatusCode.InvalidArgument, "FIELD_INVALID",
            new CreateLetterInvitationsRequest { OrganizationIds = { Enumerable.Repeat(organization.Id, 1).Concat(Enumerable.Range(0, 500).Select(i => $"id-{i}")) } }, bearer);
        await AssertField(StatusCode.InvalidArgument, "FIELD_INVALID",
            new CreateLetterInvitationsRequest { OrganizationIds = { organization.Id, organization.Id } }, bearer);
        await AssertField(StatusCode.InvalidArgument, "FIELD_INVALID",
            new CreateLetterInvitationsRequest { OrganizationIds = { organization.Id, "" } }, bearer);

        Assert.Equal(before, _kit.Written(organization.Id));
    }

    [Fact]
    public async Task Batch_WithOneOrganizationThatCannotHaveALetter_IssuesNothing_AndNamesIt()
    {
        var bearer = await _kit.Operator();
        var good = await _kit.Organization("601.030");
        var suspended = await _kit.Organization("601.031");
        _server.Suspend(suspended.Id);
        var unaddressed = await _kit.OrganizationWithoutAddress("601.032");
        var before = _kit.Written(good.Id);

        var status = await RpcAssert.Fails(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND", _kit.Invitations.CreateLetterInvitationsAsync(
            new() { OrganizationIds = { good.Id, "00000000000000000000000000000000" } }, bearer));
        Assert.Equal("00000000000000000000000000000000", status.GetDetail<ErrorInfo>()!.Metadata["organization_id"]);
        status = await RpcAssert.Fails(StatusCode.FailedPrecondition, "ORGANIZATION_SUSPENDED", _kit.Invitations.CreateLetterInvitationsAsync(
            new() { OrganizationIds = { good.Id, suspended.Id } }, bearer));
        Assert.Equal(suspended.Id, status.GetDetail<ErrorInfo>()!.Metadata["organization_id"]);
        status = await RpcAssert.Fails(StatusCode.FailedPrecondition, "POSTAL_ADDRESS_MISSING", _kit.Invitations.CreateLetterInvitationsAsync(
            new() { OrganizationIds = { good.Id, unaddressed.Id } }, bearer));
        Assert.Equal(unaddressed.Id, status.GetDetail<ErrorInfo>()!.Metadata["organization_id"]);

        Assert.Equal(before, _kit.Written(good.Id)); // the good organisation's invitation was rolled back each time
        Assert.Equal((0, 0), _kit.Written(suspended.Id));
        Assert.Equal((0, 0), _kit.Written(unaddressed.Id));
    }

    private async Task AssertField(StatusCode code, string reason, CreateLetterInvitationsRequest request, Metadata bearer)
    {
        var status = await RpcAssert.Fails(code, reason, _kit.Invitations.CreateLetterInvitationsAsync(request, bearer));
        Assert.Equal("organization_ids", status.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }
}
