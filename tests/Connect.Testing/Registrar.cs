using Connect.V1;
using Grpc.Net.Client;

namespace Connect.Testing;

/// <summary>Walks registrations through the real API, reading codes from the pickup folder and the SMS outbox.</summary>
public sealed class Registrar(IConnectUnderTest server, GrpcChannel channel)
{
    public const string Password = "correct horse battery staple";

    public RegistrationService.RegistrationServiceClient Registration { get; } = new(channel);
    public OrganizationService.OrganizationServiceClient Organizations { get; } = new(channel);
    public InvitationService.InvitationServiceClient Invitations { get; } = new(channel);

    /// <summary>Redeems, submits the address and verifies it with the e-mailed code; returns the registration token.</summary>
    public async Task<(string Token, Connect.V1.Registration Registration)> VerifiedEmail(string accessCode, string email)
    {
        var token = (await Registration.RedeemAccessCodeAsync(new() { AccessCode = accessCode })).RegistrationToken;
        var sentBefore = server.Mail.To(email).Count;
        WaitOutResendInterval();
        await Registration.SubmitEmailAsync(new() { RegistrationToken = token, Email = email, Language = Language.Fr });
        var code = TestCodes.SixDigits(await server.Mail.WaitForText(email, sentBefore + 1));
        var verified = await Registration.VerifyEmailAsync(new() { RegistrationToken = token, Code = code });
        return (token, verified.Registration);
    }

    /// <summary>A whole registration of a new person.</summary>
    public async Task<FinishRegistrationResponse> RegisterNew(string accessCode, string email, string phone = "+41791234567")
    {
        var (token, _) = await VerifiedEmail(accessCode, email);
        await Registration.CreateProfileAsync(new()
        {
            RegistrationToken = token, GivenName = "Anna", FamilyName = "Muster", Password = Password, Language = Language.Fr,
        });
        var smsBefore = server.Sms.To(phone).Count;
        WaitOutResendInterval();
        await Registration.StartPhoneVerificationAsync(new() { RegistrationToken = token, PhoneNumber = phone });
        var sms = TestCodes.SixDigits(await server.Sms.WaitForText(phone, smsBefore + 1));
        await Registration.VerifyPhoneAsync(new() { RegistrationToken = token, Code = sms });
        return await Registration.FinishRegistrationAsync(new() { RegistrationToken = token });
    }

    /// <summary>As a person would wait before a second code to the same address or number.</summary>
    public void WaitOutResendInterval() => server.Pass(server.ResendInterval);

    /// <summary>The session of the server's fund operator, whom the server's first caller registers (see <see cref="FundOperator"/>).</summary>
    public Task<string> OperatorToken() => server.FundOperator.Token(channel);

    /// <summary>Registers the fund's first operator with the bootstrap code; returns the session token.</summary>
    public async Task<string> Operator(string email = FundOperator.Email) =>
        (await RegisterNew(server.BootstrapCode, email, FundOperator.Phone)).SessionToken;

    /// <summary>An organisation created by the operator.</summary>
    public async Task<Connect.V1.Organization> Organization(string operatorToken, string affiliateNumber, string name = "Muster AG")
    {
        var request = new CreateOrganizationRequest { DisplayName = name, AffiliateNumber = affiliateNumber, Language = Language.De };
        request.TopicIds.Add("contributions");
        return (await Organizations.CreateOrganizationAsync(request, RpcAssert.Bearer(operatorToken))).Organization;
    }

    /// <summary>A letter invitation's access code for the organisation (given a postal address first if it has none).</summary>
    public async Task<CreateInvitationResponse> Letter(string operatorToken, string organizationId)
    {
        GivePostalAddress(organizationId);
        return await Invitations.CreateInvitationAsync(new() { OrganizationId = organizationId, Letter = new LetterDelivery() }, RpcAssert.Bearer(operatorToken));
    }

    /// <summary>
    /// A letter needs the organisation's postal address; organisations that tests create without a contact get one,
    /// through the store (the tests of the letter rules themselves call the API directly).
    /// </summary>
    public void GivePostalAddress(string organizationId) => server.Store().Write(w =>
    {
        var organization = w.Get<Connect.Grpc.Domain.Organization>(organizationId);
        if (organization is null || organization.Contact.HasPostalAddress()) return false;
        organization.Contact.AddressLines = ["Musterstrasse 1"];
        organization.Contact.PostalCode = "3000";
        organization.Contact.Locality = "Bern";
        w.Update(organization);
        return true;
    });
}
