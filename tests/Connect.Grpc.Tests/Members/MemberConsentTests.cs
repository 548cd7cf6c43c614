using Connect.V1;
using Grpc.Core;
using Domain = Connect.Grpc.Domain;

namespace Connect.Grpc.Tests.Members;

/// <summary>
/// Adding a person who already has an account elsewhere: the organisation sees only what it typed, the SMS code goes to
/// the person's own number, and the membership waits until the person signs in and accepts (or declines, which leaves
/// nothing behind).
/// </summary>
public sealed class MemberConsentTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly MemberDriver _driver;
    private readonly ApplicationDriver _apps;

    public MemberConsentTests(ClassServer shared)
    {
        _server = shared.Server;
        var channel = shared.Channel;
        _driver = new MemberDriver(_server, channel);
        _apps = new ApplicationDriver(channel);
    }

    private MemberService.MemberServiceClient Members => _driver.Members;
    private AccountService.AccountServiceClient Account => _driver.SignIn.Account;

    /// <summary>Adds the known person as the caller types them, verifies with the code read from their own number; returns the member.</summary>
    private async Task<Member> AddKnown(Metadata caller, RegisteredAdmin known, string typedPhone)
    {
        var smsBefore = _server.Sms.To(known.Phone).Count;
        var mailsBefore = _server.Mail.To(known.Email).Count;
        var created = await Members.CreateMemberAsync(MemberDriver.Request(known.Email, typedPhone, "Typed", "Name", language: Language.It), caller);
        AssertShowsWhatWasTyped(created.Member, MemberState.PendingPhone);
        Assert.Equal("", created.Member.MaskedPhoneNumber);
        Assert.EndsWith(typedPhone[^2..], created.MaskedPhoneNumber);

        // The code reaches the person's own phone, who reads it out; the number typed never receives one.
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText(known.Phone, smsBefore + 1));
        Assert.Empty(_server.Sms.To(typedPhone));
        var verified = (await Members.VerifyMemberPhoneAsync(new() { MemberId = created.Member.Id, Code = code }, caller)).Member;

        AssertShowsWhatWasTyped(verified, MemberState.PendingActivation);
        Assert.EndsWith(typedPhone[^2..], verified.MaskedPhoneNumber);
        var text = await _server.Mail.WaitForText(known.Email, mailsBefore + 1);
        Assert.Contains("Alpha AG", text);
        Assert.Null(TestCodes.AccessCode(text)); // they sign in as usual: no activation code
        var person = _server.Store().Read(r => r.Get<Domain.Person>(known.PersonId))!;
        Assert.Equal((known.Phone, "Anna", "Muster", "fr"), (person.PhoneNumber, person.GivenName, person.FamilyName, person.Language));
        return verified;
    }

    private static void AssertShowsWhatWasTyped(Member member, MemberState state)
    {
        Assert.Equal(state, member.State);
        Assert.Equal("", member.PersonId);
        Assert.Equal(("Typed", "Name", Language.It), (member.GivenName, member.FamilyName, member.Language));
    }

    [Fact]
    public async Task AKnownPerson_IsShownAsTyped_GetsTheCodeOnTheirOwnNumber_AndAccepts()
    {
        var beta = await _driver.Admin("beta-admin@beta.test", "+41795800101", "901.001", "Beta AG");
        var alpha = await _driver.Admin("alpha-admin@alpha.test", "+41795800102", "901.002", "Alpha AG");

        var member = await AddKnown(MemberDriver.As(alpha), beta, "+41795800199");

        Assert.Equal(member, await _driver.Get(alpha, member.Id));
        Assert.DoesNotContain((await Members.ListMembersAsync(new() { Query = "Muster Anna" }, MemberDriver.As(alpha))).Members, m => m.Id == member.Id);
        Assert.Single((await Members.ListMembersAsync(new() { Query = "typed" }, MemberDriver.As(alpha))).Members);
        var invitations = (await Account.ListMembershipInvitationsAsync(new(), MemberDriver.As(beta))).MembershipInvitations;
        var invitation = Assert.Single(invitations);
        Assert.Equal((member.Id, alpha.OrganizationId, "Alpha AG", false), (invitation.Id, invitation.OrganizationId, invitation.OrganizationDisplayName, invitation.Administrator));
        Assert.InRange((invitation.ExpireTime.ToDateTime() - _server.Time.GetUtcNow().UtcDateTime).TotalDays, 13.99, 14.01);

        var accepted = await Account.AcceptMembershipInvitationAsync(new() { MembershipInvitationId = invitation.Id }, MemberDriver.As(beta));

        Assert.Equal((alpha.OrganizationId, "Alpha AG"), (accepted.OrganizationId, accepted.OrganizationDisplayName));
        var now = await _driver.Get(alpha, member.Id);
        Assert.Equal(MemberState.Active, now.State);
        Assert.Equal((beta.PersonId, "Anna", "Muster", Language.Fr), (now.PersonId, now.GivenName, now.FamilyName, now.Language));
        Assert.EndsWith("01", now.MaskedPhoneNumber); // their own number now
        Assert.Empty((await Account.ListMembershipInvitationsAsync(new(), MemberDriver.As(beta))).MembershipInvitations);
        var acceptedEvent = Assert.Single(await _driver.Audit(alpha, member.Id), e => e.Action == "membership.accepted");
        Assert.Equal((beta.PersonId, "Anna Muster", beta.PersonId), (acceptedEvent.ActorPersonId, acceptedEvent.ActorName, acceptedEvent.Details["person_id"]));
        // Accepting twice, or someone else's invitation, is NOT_FOUND.
        await RpcAssert.Fails(StatusCode.NotFound, "MEMBERSHIP_INVITATION_NOT_FOUND",
            Account.AcceptMembershipInvitationAsync(new() { MembershipInvitationId = invitation.Id }, MemberDriver.As(beta)));
        // They can now act for Alpha AG with their own password and number.
        var signedIn = await _driver.SignIn.WithSms(beta, Registrar.Password, alpha.OrganizationId);
        Assert.Equal(alpha.OrganizationId, signedIn.Session.OrganizationId);
    }

    [Fact]
    public async Task AKnownPerson_WhoDeclines_LeavesNothingInTheOrganization_ButTheAuditedRefusal()
    {
        var gamma = await _driver.Admin("gamma-admin@gamma.test", "+41795800201", "901.003", "Gamma AG");
        var alpha = await _driver.Admin("alpha2-admin@alpha.test", "+41795800202", "901.004", "Alpha AG");
        var member = await AddKnown(MemberDriver.As(alpha), gamma, "+41795800299");
        var invitation = Assert.Single((await Account.ListMembershipInvitationsAsync(new(), MemberDriver.As(gamma))).MembershipInvitations);
        // Another person cannot decline it for them.
        await RpcAssert.Fails(StatusCode.NotFound, "MEMBERSHIP_INVITATION_NOT_FOUND",
            Account.DeclineMembershipInvitationAsync(new() { MembershipInvitationId = invitation.Id }, MemberDriver.As(alpha)));

        await Account.DeclineMembershipInvitationAsync(new() { MembershipInvitationId = invitation.Id }, MemberDriver.As(gamma));

        await RpcAssert.Fails(StatusCode.NotFound, "MEMBER_NOT_FOUND", Members.GetMemberAsync(new() { MemberId = member.Id }, MemberDriver.As(alpha)));
        Assert.DoesNotContain(await _driver.List(alpha, MemberState.PendingPhone, MemberState.PendingActivation, MemberState.Active, MemberState.Deactivated),
            m => m.Email == gamma.Email);
        Assert.DoesNotContain(_server.Stored<Domain.Membership>(), m => m.OrganizationId == alpha.OrganizationId && m.PersonId == gamma.PersonId);
        var events = await _driver.Audit(alpha);
        var declined = Assert.Single(events, e => e.Action == "membership.declined");
        Assert.Equal((member.Id, "", "", "", 0), (declined.TargetId, declined.ActorPersonId, declined.ActorName, declined.ClientAddress, declined.Details.Count));
        Assert.DoesNotContain(events, e => e.ToString().Contains(gamma.PersonId, StringComparison.Ordinal));
        Assert.Empty((await Account.ListMembershipInvitationsAsync(new(), MemberDriver.As(gamma))).MembershipInvitations);
        // The organisation may ask again.
        _driver.Registrar.WaitOutResendInterval();
        var again = await Members.CreateMemberAsync(MemberDriver.Request(gamma.Email, "+41795800299"), MemberDriver.As(alpha));
        Assert.Equal(MemberState.PendingPhone, again.Member.State);
    }

    [Fact]
    public async Task APartnerToken_FollowsTheSameRules()
    {
        var delta = await _driver.Admin("delta-admin@delta.test", "+41795800301", "901.005", "Delta AG");
        var alpha = await _driver.Admin("alpha3-admin@alpha.test", "+41795800302", "901.006", "Alpha AG");
        var app = ApplicationDriver.As(await _apps.Token(await _apps.Partner(alpha, "Payroll Pro")));

        var member = await AddKnown(app, delta, "+41795800399");

        var created = Assert.Single(await _driver.Audit(alpha, member.Id), e => e.Action == "membership.created");
        Assert.Equal("Payroll Pro", created.ActorName);
        Assert.False(created.Details.ContainsKey("person_id"));
        // Accepting is the person's own: an application's token is no person's session.
        await RpcAssert.Fails(StatusCode.PermissionDenied, "SCOPE_NOT_GRANTED",
            Account.AcceptMembershipInvitationAsync(new() { MembershipInvitationId = member.Id }, app));
        var invitation = Assert.Single((await Account.ListMembershipInvitationsAsync(new(), MemberDriver.As(delta))).MembershipInvitations);
        await Account.AcceptMembershipInvitationAsync(new() { MembershipInvitationId = invitation.Id }, MemberDriver.As(delta));
        var now = (await Members.GetMemberAsync(new() { MemberId = member.Id }, app)).Member;
        Assert.Equal((MemberState.Active, delta.PersonId, "Anna"), (now.State, now.PersonId, now.GivenName));
    }

    [Fact]
    public async Task AKnownPersonWithoutPassword_ConsentsByActivating_AndTheOrganizationIsListed()
    {
        var beta = await _driver.Admin("beta4-admin@beta.test", "+41795800401", "901.007", "Beta AG");
        var alpha = await _driver.Admin("alpha4-admin@alpha.test", "+41795800402", "901.008", "Alpha AG");
        // Beta authorised a new person who has not activated yet; Alpha adds the same address.
        var atBeta = await _driver.Verified(beta, MemberDriver.Request("fresh@beispiel.test", "+41795800403", "Fritz", "Frisch"));
        _driver.Registrar.WaitOutResendInterval(); // the e-mails' times tell them apart
        var created = await Members.CreateMemberAsync(MemberDriver.Request("fresh@beispiel.test", "+41795800404", "Typed", "Name"), MemberDriver.As(alpha));
        // Beta verified a number: the code goes there, for the person to read out.
        var smsCode = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795800403", 2));
        var atAlpha = (await Members.VerifyMemberPhoneAsync(new() { MemberId = created.Member.Id, Code = smsCode }, MemberDriver.As(alpha))).Member;
        Assert.Equal((MemberState.PendingActivation, "", "Typed"), (atAlpha.State, atAlpha.PersonId, atAlpha.GivenName));
        var person = _server.Store().Read(r => r.PersonByEmail("fresh@beispiel.test"))!;
        Assert.Equal("+41795800403", person.PhoneNumber); // Beta verified it first; Alpha's number stays Alpha's display

        var code = await _driver.ActivationCode("fresh@beispiel.test", 2);
        var info = await _driver.Activation.GetActivationAsync(new() { ActivationCode = code });
        Assert.Equal(["Alpha AG", "Beta AG"], info.OrganizationNames);
        await _driver.Activation.ActivateAsync(new() { ActivationCode = code, Password = Registrar.Password });

        var now = await _driver.Get(alpha, atAlpha.Id);
        Assert.Equal((MemberState.Active, person.Id, "Fritz"), (now.State, now.PersonId, now.GivenName));
        Assert.Equal(MemberState.Active, (await _driver.Get(beta, atBeta.Id)).State);
    }
}
