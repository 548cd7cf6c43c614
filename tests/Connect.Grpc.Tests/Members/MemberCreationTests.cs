using Connect.V1;
using Grpc.Core;
using Domain = Connect.Grpc.Domain;

namespace Connect.Grpc.Tests.Members;

/// <summary>Authorising a person: create, the SMS code, verification, the activation e-mail, cancelling a pending member.</summary>
public sealed class MemberCreationTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly MemberDriver _driver;

    public MemberCreationTests(ClassServer shared)
    {
        _server = shared.Server;
        _driver = new MemberDriver(_server, shared.Channel);
    }

    private MemberService.MemberServiceClient Members => _driver.Members;

    [Fact]
    public async Task CreateMember_SendsAnSmsCodeToTheNumber_AndIsPendingPhone()
    {
        var admin = await _driver.Admin("create-admin@muster.test", "+41795570101", "301.001", "Muster AG", Language.De,
            "contributions", "family-allowances", "salary-declarations");
        var now = _server.Time.GetUtcNow().UtcDateTime;

        var response = await Members.CreateMemberAsync(MemberDriver.Request(" Berta.Beispiel@Muster.TEST ", "079 557 01 02", " Berta ", "Beispiel",
            administrator: true, topicIds: ["contributions", "salary-declarations"]), MemberDriver.As(admin));

        var member = response.Member;
        Assert.Equal("berta.beispiel@muster.test", member.Email);
        Assert.Equal(("Berta", "Beispiel"), (member.GivenName, member.FamilyName));
        Assert.Equal(MemberState.PendingPhone, member.State);
        Assert.True(member.Administrator);
        Assert.Equal(new[] { "contributions", "salary-declarations" }, member.TopicIds);
        Assert.Equal("", member.MaskedPhoneNumber);
        Assert.EndsWith("02", member.MaskedPendingPhoneNumber);
        Assert.EndsWith("02", response.MaskedPhoneNumber);
        Assert.DoesNotContain("5570", response.MaskedPhoneNumber);
        Assert.Equal(Language.De, member.Language); // the organisation's language
        Assert.False(string.IsNullOrEmpty(member.Id));
        Assert.Equal("", member.PersonId); // shown once the person accepted, so that a known address looks like a new one
        Assert.InRange((response.NextResendTime.ToDateTime() - now).TotalSeconds, 59, 61);

        var sms = await _server.Sms.WaitForText("+41795570102");
        Assert.Matches(@"(?<![\w-])[0-9]{6}(?![\w-])", sms);
        Assert.Equal(member, await _driver.Get(admin, member.Id));
    }

    [Fact]
    public async Task SendMemberPhoneCode_SendsANewCode_AndTheOldOneDies()
    {
        var admin = await _driver.Admin("resend-admin@muster.test", "+41795570111", "301.002");
        var (created, oldCode) = await _driver.Create(admin, MemberDriver.Request("resend@muster.test", "+41795570112"));

        await RpcAssert.Fails(StatusCode.ResourceExhausted, "RESEND_TOO_SOON",
            Members.SendMemberPhoneCodeAsync(new() { MemberId = created.Member.Id }, MemberDriver.As(admin)));
        Assert.Single(_server.Sms.To("+41795570112"));

        _driver.Registrar.WaitOutResendInterval();
        var sent = await Members.SendMemberPhoneCodeAsync(new() { MemberId = created.Member.Id }, MemberDriver.As(admin));
        Assert.EndsWith("12", sent.MaskedPhoneNumber);
        var newCode = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795570112", 2));

        if (oldCode != newCode)
        {
            await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
                Members.VerifyMemberPhoneAsync(new() { MemberId = created.Member.Id, Code = oldCode }, MemberDriver.As(admin)));
        }
        var verified = (await Members.VerifyMemberPhoneAsync(new() { MemberId = created.Member.Id, Code = newCode }, MemberDriver.As(admin))).Member;
        Assert.Equal(MemberState.PendingActivation, verified.State);
    }

    [Fact]
    public async Task VerifyMemberPhone_MakesTheMemberPendingActivation_AndMailsTheActivationInTheirLanguage()
    {
        var admin = await _driver.Admin("verify-admin@muster.test", "+41795570121", "301.003", "Käserei Muster AG", Language.Fr);
        var (created, code) = await _driver.Create(admin, MemberDriver.Request("verify@muster.test", "+41795570122", "Berta", "Beispiel",
            language: Language.De));
        Assert.Equal(Language.De, created.Member.Language);
        Assert.Empty(_server.Mail.To("verify@muster.test"));

        var member = (await Members.VerifyMemberPhoneAsync(new() { MemberId = created.Member.Id, Code = code }, MemberDriver.As(admin))).Member;

        Assert.Equal(MemberState.PendingActivation, member.State);
        Assert.EndsWith("22", member.MaskedPhoneNumber);
        Assert.Equal("", member.MaskedPendingPhoneNumber);
        Assert.NotEqual(created.Member.Etag, member.Etag);
        var text = await _server.Mail.WaitForText("verify@muster.test");
        var mail = Assert.Single(_server.Mail.To("verify@muster.test"));
        Assert.Equal("Ihr Zugang zu connect – Käserei Muster AG", mail.Subject);
        Assert.Contains("Guten Tag Berta", text);
        Assert.Contains("Zugang aktivieren", text);
        var activationCode = TestCodes.AccessCode(text);
        Assert.NotNull(activationCode);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", activationCode);
        Assert.Contains("http://console.test/activate?code=" + activationCode, text);
        Assert.DoesNotContain("Bonjour", text);
    }

    [Fact]
    public async Task VerifyMemberPhone_WithoutALanguage_MailsInTheOrganizationsLanguage()
    {
        var admin = await _driver.Admin("fr-admin@muster.test", "+41795570131", "301.004", "Muster SA", Language.Fr);

        var member = await _driver.Verified(admin, MemberDriver.Request("fr@muster.test", "+41795570132", "Berthe", "Exemple"));

        Assert.Equal(Language.Fr, member.Language);
        var text = await _server.Mail.WaitForText("fr@muster.test");
        Assert.Contains("Bonjour Berthe", text);
        Assert.Equal("Votre accès à connect – Muster SA", Assert.Single(_server.Mail.To("fr@muster.test")).Subject);
    }

    [Fact]
    public async Task ResendActivation_MailsANewCode_AndTheOldOneDies()
    {
        var admin = await _driver.Admin("reactivation-admin@muster.test", "+41795570141", "301.005");
        var member = await _driver.Verified(admin, MemberDriver.Request("again@muster.test", "+41795570142"));
        var oldCode = await _driver.ActivationCode("again@muster.test", 1);

        await RpcAssert.Fails(StatusCode.ResourceExhausted, "RESEND_TOO_SOON",
            Members.ResendActivationAsync(new() { MemberId = member.Id }, MemberDriver.As(admin)));
        _driver.Registrar.WaitOutResendInterval();
        var now = _server.Time.GetUtcNow().UtcDateTime;
        var resent = await Members.ResendActivationAsync(new() { MemberId = member.Id }, MemberDriver.As(admin));
        Assert.Equal(MemberState.PendingActivation, resent.Member.State);
        Assert.InRange((resent.ExpireTime.ToDateTime() - now).TotalDays, 13.99, 14.01);
        var newCode = await _driver.ActivationCode("again@muster.test", 2);
        Assert.NotEqual(oldCode, newCode);

        await RpcAssert.Fails(StatusCode.NotFound, "ACTIVATION_CODE_INVALID", _driver.Activation.GetActivationAsync(new() { ActivationCode = oldCode }));
        await RpcAssert.Fails(StatusCode.NotFound, "ACTIVATION_CODE_INVALID",
            _driver.Activation.ActivateAsync(new() { ActivationCode = oldCode, Password = Registrar.Password }));
        var activated = await _driver.Activation.ActivateAsync(new() { ActivationCode = newCode, Password = Registrar.Password });
        Assert.Equal("again@muster.test", activated.Email);
        Assert.Equal(MemberState.Active, (await _driver.Get(admin, member.Id)).State);
    }

    [Fact]
    public async Task CancelMember_PendingPhone_IsGone_AndTheEMailCanBeCreatedAgain()
    {
        var admin = await _driver.Admin("cancel-admin@muster.test", "+41795570151", "301.006");
        var (created, _) = await _driver.Create(admin, MemberDriver.Request("cancel@muster.test", "+41795570152"));

        await Members.CancelMemberAsync(new() { MemberId = created.Member.Id }, MemberDriver.As(admin));

        await RpcAssert.Fails(StatusCode.NotFound, "MEMBER_NOT_FOUND",
            Members.GetMemberAsync(new() { MemberId = created.Member.Id }, MemberDriver.As(admin)));
        Assert.DoesNotContain(await _driver.List(admin), m => m.Email == "cancel@muster.test");
        Assert.Null(_server.Store().Read(r => r.PersonByEmail("cancel@muster.test")));
        Assert.Null(_server.Store().Read(r => r.Get<Domain.Membership>(created.Member.Id)));

        _driver.Registrar.WaitOutResendInterval();
        var again = await _driver.Verified(admin, MemberDriver.Request("cancel@muster.test", "+41795570152", "Neu", "Beispiel"));
        Assert.NotEqual(created.Member.Id, again.Id);
        Assert.Equal(MemberState.PendingActivation, again.State);
        Assert.Equal("Neu", again.GivenName);
    }

    [Fact]
    public async Task CancelMember_PendingActivation_KillsTheActivationCode()
    {
        var admin = await _driver.Admin("cancel2-admin@muster.test", "+41795570161", "301.007");
        var member = await _driver.Verified(admin, MemberDriver.Request("cancel2@muster.test", "+41795570162"));
        var code = await _driver.ActivationCode("cancel2@muster.test", 1);

        await Members.CancelMemberAsync(new() { MemberId = member.Id }, MemberDriver.As(admin));

        await RpcAssert.Fails(StatusCode.NotFound, "MEMBER_NOT_FOUND", Members.GetMemberAsync(new() { MemberId = member.Id }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.NotFound, "ACTIVATION_CODE_INVALID",
            _driver.Activation.ActivateAsync(new() { ActivationCode = code, Password = Registrar.Password }));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED",
            _driver.SignIn.SignIn.StartSignInAsync(new() { Email = "cancel2@muster.test", Password = Registrar.Password }));
    }

    [Fact]
    public async Task CancelMember_Active_FailsWithMemberStateInvalid()
    {
        var admin = await _driver.Admin("cancel3-admin@muster.test", "+41795570171", "301.008");
        var member = await _driver.Active(admin, MemberDriver.Request("cancel3@muster.test", "+41795570172"));

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "MEMBER_STATE_INVALID",
            Members.CancelMemberAsync(new() { MemberId = member.Id }, MemberDriver.As(admin)));

        Assert.Equal(MemberState.Active, (await _driver.Get(admin, member.Id)).State);
    }

    [Fact]
    public async Task CreateMember_OfAPersonWithAnAccountElsewhere_WaitsForThem_AndKeepsTheirPasswordAndPhone()
    {
        var first = await _driver.Admin("first-admin@muster.test", "+41795570181", "301.009", "Erste AG");
        var known = await _driver.ActiveAndSignedIn(first, MemberDriver.Request("treuhand@beispiel.test", "+41795570182", "Tina", "Treuhand"));
        var second = await _driver.Admin("second-admin@muster.test", "+41795570183", "301.010", "Zweite AG");
        var mailsBefore = _server.Mail.To("treuhand@beispiel.test").Count;
        var smsToOwnNumber = _server.Sms.To("+41795570182").Count;

        // The second organisation's administrator types other names and another number, and sees only those.
        var created = await Members.CreateMemberAsync(MemberDriver.Request("treuhand@beispiel.test", "+41795570184", "Other", "Name",
            topicIds: ["contributions"], language: Language.It), MemberDriver.As(second));
        Assert.Equal("", created.Member.PersonId);
        Assert.Equal(MemberState.PendingPhone, created.Member.State);
        Assert.Equal(("Other", "Name", Language.It), (created.Member.GivenName, created.Member.FamilyName, created.Member.Language));
        // The code goes to the person's own number, who reads it out.
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795570182", smsToOwnNumber + 1));

        var member = (await Members.VerifyMemberPhoneAsync(new() { MemberId = created.Member.Id, Code = code }, MemberDriver.As(second))).Member;

        Assert.Equal(MemberState.PendingActivation, member.State);
        Assert.EndsWith("84", member.MaskedPhoneNumber); // the number typed, not theirs
        Assert.Equal(("Other", "Name"), (member.GivenName, member.FamilyName));
        var text = await _server.Mail.WaitForText("treuhand@beispiel.test", mailsBefore + 1);
        Assert.Contains("Zweite AG", text);
        Assert.Null(TestCodes.AccessCode(text)); // no activation: they already have a password
        var person = _server.Store().Read(r => r.Get<Domain.Person>(known.PersonId))!;
        Assert.Equal("+41795570182", person.PhoneNumber);
        Assert.Equal("de", person.Language); // the first organisation's language, not the Italian the second one asked for
        Assert.Equal(("Tina", "Treuhand"), (person.GivenName, person.FamilyName));

        // They accept in their account; their old password still works and the SMS goes to their own number.
        var invitation = Assert.Single((await _driver.SignIn.Account.ListMembershipInvitationsAsync(new(), RpcAssert.Bearer(known.SessionToken))).MembershipInvitations);
        await _driver.SignIn.Account.AcceptMembershipInvitationAsync(new() { MembershipInvitationId = invitation.Id }, RpcAssert.Bearer(known.SessionToken));
        var accepted = await _driver.Get(second, member.Id);
        Assert.Equal((MemberState.Active, known.PersonId, "Tina", "Treuhand"), (accepted.State, accepted.PersonId, accepted.GivenName, accepted.FamilyName));
        Assert.EndsWith("82", accepted.MaskedPhoneNumber);
        var signedIn = await _driver.SignIn.WithSms(known, Registrar.Password, second.OrganizationId);
        Assert.Equal(second.OrganizationId, signedIn.Session.OrganizationId);
        Assert.Empty(_server.Sms.To("+41795570184"));
        var me = await _driver.SignIn.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(signedIn.Session.SessionToken));
        Assert.Equal("Zweite AG", me.OrganizationDisplayName);
        Assert.False(me.Administrator);
        // The first organisation's session is untouched.
        Assert.Equal(first.OrganizationId, (await _driver.SignIn.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(known.SessionToken))).OrganizationId);
    }

    [Fact]
    public async Task AnotherOrganizationsAdministrator_CannotMoveASharedPersonsSecondFactorOrRenameThem()
    {
        var first = await _driver.Admin("own-admin@muster.test", "+41795570281", "301.021", "Erste AG");
        var victim = await _driver.ActiveAndSignedIn(first, MemberDriver.Request("shared@beispiel.test", "+41795570282", "Sara", "Shared"));
        var second = await _driver.Admin("other-admin@muster.test", "+41795570283", "301.022", "Zweite AG");
        // The second organisation adds the person with a number its administrator holds; the code goes to the
        // person's own number, and only once they accept is the membership active.
        var smsBefore = _server.Sms.To("+41795570282").Count;
        var created = await Members.CreateMemberAsync(MemberDriver.Request("shared@beispiel.test", "+41795570284"), MemberDriver.As(second));
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795570282", smsBefore + 1));
        var pending = (await Members.VerifyMemberPhoneAsync(new() { MemberId = created.Member.Id, Code = code }, MemberDriver.As(second))).Member;
        Assert.Equal(MemberState.PendingActivation, pending.State);
        Assert.Empty(_server.Sms.To("+41795570284"));
        await _driver.SignIn.Account.AcceptMembershipInvitationAsync(new() { MembershipInvitationId = pending.Id }, RpcAssert.Bearer(victim.SessionToken));
        var member = await _driver.Get(second, pending.Id);
        Assert.Equal(MemberState.Active, member.State);

        _driver.Registrar.WaitOutResendInterval();
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "PERSON_IN_OTHER_ORGANIZATIONS",
            Members.StartMemberPhoneChangeAsync(new() { MemberId = member.Id, PhoneNumber = "+41795570285" }, MemberDriver.As(second)));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "PERSON_IN_OTHER_ORGANIZATIONS",
            Members.UpdateMemberAsync(new() { Member = new Member(member) { GivenName = "Mallory" } }, MemberDriver.As(second)));
        // Rights of the second organisation's own membership stay the second organisation's to change.
        var granted = (await Members.UpdateMemberAsync(new() { Member = new Member(member) { Administrator = true } }, MemberDriver.As(second))).Member;
        Assert.True(granted.Administrator);

        Assert.Empty(_server.Sms.To("+41795570285"));
        var person = _server.Store().Read(r => r.Get<Domain.Person>(victim.PersonId))!;
        Assert.Equal(("+41795570282", "Sara"), (person.PhoneNumber, person.GivenName));
        // The first organisation cannot either, now that the person is shared; the person changes it in their account.
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "PERSON_IN_OTHER_ORGANIZATIONS",
            Members.StartMemberPhoneChangeAsync(new() { MemberId = (await _driver.List(first)).Single(m => m.Email == "shared@beispiel.test").Id,
                PhoneNumber = "+41795570286" }, MemberDriver.As(first)));
    }

    [Fact]
    public async Task CreateMember_SecondTimeForTheSameEMail_FailsWithAlreadyMember()
    {
        var admin = await _driver.Admin("twice-admin@muster.test", "+41795570191", "301.011");
        var (created, _) = await _driver.Create(admin, MemberDriver.Request("twice@muster.test", "+41795570192"));

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ALREADY_MEMBER",
            Members.CreateMemberAsync(MemberDriver.Request("TWICE@muster.test", "+41795570193", "Zweite", "Person"), MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ALREADY_MEMBER",
            Members.CreateMemberAsync(MemberDriver.Request("twice-admin@muster.test", "+41795570194"), MemberDriver.As(admin)));

        Assert.Empty(_server.Sms.To("+41795570193"));
        Assert.Empty(_server.Sms.To("+41795570194"));
        Assert.Equal(new[] { created.Member }, (await _driver.List(admin)).Where(m => m.PersonId != admin.PersonId));
    }

    [Fact]
    public async Task CreateMember_OfADeactivatedMembersEMail_FailsWithAlreadyMember()
    {
        var admin = await _driver.Admin("left-admin@muster.test", "+41795570211", "301.013");
        var left = await _driver.Active(admin, MemberDriver.Request("left@muster.test", "+41795570212"));
        await Members.DeactivateMemberAsync(new() { MemberId = left.Id }, MemberDriver.As(admin));
        _driver.Registrar.WaitOutResendInterval();

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ALREADY_MEMBER",
            Members.CreateMemberAsync(MemberDriver.Request("left@muster.test", "+41795570213"), MemberDriver.As(admin)));

        Assert.Empty(_server.Sms.To("+41795570213"));
        Assert.Equal(MemberState.Deactivated, (await _driver.Get(admin, left.Id)).State);
    }

    [Fact]
    public async Task CreateMember_SameEMailTwiceAtOnce_OneSucceeds_TheOtherFailsWithAlreadyMember()
    {
        var admin = await _driver.Admin("race-admin@muster.test", "+41795570201", "301.012");

        var calls = new[] { "+41795570202", "+41795570203" }.Select(async phone =>
        {
            try
            {
                return (Phone: phone, Member: (await Members.CreateMemberAsync(MemberDriver.Request("race@muster.test", phone), MemberDriver.As(admin))).Member,
                    Error: (RpcException?)null);
            }
            catch (RpcException exception)
            {
                return (Phone: phone, Member: (Member?)null, Error: exception);
            }
        });
        var results = await Task.WhenAll(calls);

        var winner = Assert.Single(results, r => r.Member is not null);
        var loser = Assert.Single(results, r => r.Error is not null);
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "ALREADY_MEMBER", () => Task.FromException(loser.Error!));

        var persons = _server.Stored<Domain.Person>().Where(p => p.Email == "race@muster.test").ToList();
        var person = Assert.Single(persons);
        var memberships = _server.Store().Read(r => r.MembershipsOfPerson(person.Id));
        Assert.Equal(winner.Member!.Id, Assert.Single(memberships, m => m.OrganizationId == admin.OrganizationId).Id);
        Assert.Single(memberships);
        await _server.Sms.WaitForText(winner.Phone);
        Assert.Empty(_server.Sms.To(loser.Phone));
    }
}
