using Connect.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Connect.Grpc.Tests.Members;

/// <summary>Changing a member: names, the administrator right and topics (with etag and update mask), and the mobile number.</summary>
public sealed class MemberChangeTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly MemberDriver _driver;

    public MemberChangeTests(ClassServer shared)
    {
        _server = shared.Server;
        _driver = new MemberDriver(_server, shared.Channel);
    }

    private MemberService.MemberServiceClient Members => _driver.Members;

    private Task<RegisteredAdmin> Admin(string email, string phone, string affiliate) =>
        _driver.Admin(email, phone, affiliate, "Muster AG", Language.De, "contributions", "family-allowances", "salary-declarations");

    private static UpdateMemberRequest Update(Member member, params string[] paths)
    {
        var request = new UpdateMemberRequest { Member = member };
        if (paths.Length > 0) request.UpdateMask = new FieldMask { Paths = { paths } };
        return request;
    }

    [Fact]
    public async Task UpdateMember_ChangesAdministratorTopicsAndNames_AndTheEtag()
    {
        var admin = await Admin("update-admin@muster.test", "+41795590101", "501.001");
        var member = await _driver.Verified(admin, MemberDriver.Request("update@muster.test", "+41795590102", "Berta", "Beispiel",
            topicIds: ["contributions"]));

        var changed = member.Clone();
        changed.GivenName = "  Bea ";
        changed.FamilyName = "Muster-Beispiel";
        changed.Administrator = true;
        changed.TopicIds.Clear();
        changed.TopicIds.Add(["family-allowances", "salary-declarations"]);
        _server.Time.Advance(TimeSpan.FromSeconds(5));
        var now = _server.Time.GetUtcNow().UtcDateTime;
        var updated = (await Members.UpdateMemberAsync(Update(changed), MemberDriver.As(admin))).Member;
        Assert.InRange(updated.UpdateTime.ToDateTime(), now.AddMilliseconds(-1), now);
        Assert.Equal(member.CreateTime, updated.CreateTime);

        Assert.Equal(("Bea", "Muster-Beispiel"), (updated.GivenName, updated.FamilyName));
        Assert.True(updated.Administrator);
        Assert.Equal(new[] { "family-allowances", "salary-declarations" }, updated.TopicIds);
        Assert.NotEqual(member.Etag, updated.Etag);
        Assert.Equal(member.State, updated.State);
        Assert.Equal(member.Email, updated.Email);
        Assert.Equal(updated, await _driver.Get(admin, member.Id));
        Assert.Equal(updated.Id, Assert.Single((await Members.ListMembersAsync(new() { Query = "bea muster-beispiel" }, MemberDriver.As(admin))).Members).Id);

        // Topics removed and the right taken away again, with the new etag.
        var back = updated.Clone();
        back.Administrator = false;
        back.TopicIds.Clear();
        var again = (await Members.UpdateMemberAsync(Update(back), MemberDriver.As(admin))).Member;
        Assert.False(again.Administrator);
        Assert.Empty(again.TopicIds);
        Assert.NotEqual(updated.Etag, again.Etag);
        Assert.Equal(("Bea", "Muster-Beispiel"), (again.GivenName, again.FamilyName));
    }

    [Fact]
    public async Task UpdateMember_WithAMask_ChangesOnlyTheNamedFields()
    {
        var admin = await Admin("mask-admin@muster.test", "+41795590111", "501.002");
        var member = await _driver.Verified(admin, MemberDriver.Request("mask@muster.test", "+41795590112", "Berta", "Beispiel",
            topicIds: ["contributions"]));

        var changed = member.Clone();
        changed.GivenName = "Bea";
        changed.FamilyName = "";              // not in the mask: neither checked nor written
        changed.Administrator = true;         // not in the mask
        changed.TopicIds.Clear();
        changed.TopicIds.Add("family-allowances");
        var updated = (await Members.UpdateMemberAsync(Update(changed, "given_name", "topic_ids"), MemberDriver.As(admin))).Member;

        Assert.Equal(("Bea", "Beispiel"), (updated.GivenName, updated.FamilyName));
        Assert.False(updated.Administrator);
        Assert.Equal(new[] { "family-allowances" }, updated.TopicIds);

        var onlyAdmin = updated.Clone();
        onlyAdmin.Administrator = true;
        onlyAdmin.GivenName = "Ignored";
        onlyAdmin.TopicIds.Clear();
        var promoted = (await Members.UpdateMemberAsync(Update(onlyAdmin, "administrator"), MemberDriver.As(admin))).Member;
        Assert.True(promoted.Administrator);
        Assert.Equal("Bea", promoted.GivenName);
        Assert.Equal(new[] { "family-allowances" }, promoted.TopicIds);
        Assert.NotEqual(updated.Etag, promoted.Etag);
    }

    [Fact]
    public async Task UpdateMember_WithNothingChanged_KeepsTheEtag()
    {
        var admin = await Admin("same-admin@muster.test", "+41795590121", "501.003");
        var member = await _driver.Verified(admin, MemberDriver.Request("same@muster.test", "+41795590122", topicIds: ["contributions"]));

        var updated = (await Members.UpdateMemberAsync(Update(member), MemberDriver.As(admin))).Member;

        Assert.Equal(member.Etag, updated.Etag);
        Assert.Equal(member, await _driver.Get(admin, member.Id));
    }

    [Fact]
    public async Task UpdateMember_ATopicTheOrganizationNoLongerHas_MayStay_ButCannotBeGrantedAgain()
    {
        var admin = await Admin("kept-admin@muster.test", "+41795590131", "501.004");
        var member = await _driver.Verified(admin, MemberDriver.Request("kept@muster.test", "+41795590132",
            topicIds: ["contributions", "family-allowances"]));
        // The fund takes "contributions" away from the organisation (no API for it yet).
        _server.Store().Write(w =>
        {
            var organization = w.Get<Connect.Grpc.Domain.Organization>(admin.OrganizationId)!;
            organization.TopicIds.Remove("contributions");
            w.Update(organization);
            return 0;
        });

        var renamed = member.Clone();
        renamed.GivenName = "Kept";
        var updated = (await Members.UpdateMemberAsync(Update(renamed), MemberDriver.As(admin))).Member;
        Assert.Equal(new[] { "contributions", "family-allowances" }, updated.TopicIds);

        var dropped = updated.Clone();
        dropped.TopicIds.Remove("contributions");
        var without = (await Members.UpdateMemberAsync(Update(dropped, "topic_ids"), MemberDriver.As(admin))).Member;
        Assert.Equal(new[] { "family-allowances" }, without.TopicIds);

        var regranted = without.Clone();
        regranted.TopicIds.Add("contributions");
        await RpcAssert.Fails(StatusCode.InvalidArgument, "TOPIC_NOT_ALLOWED", Members.UpdateMemberAsync(Update(regranted, "topic_ids"), MemberDriver.As(admin)));
        Assert.Equal(without, await _driver.Get(admin, member.Id));
    }

    [Fact]
    public async Task PhoneChange_TheOldNumberStaysUntilConfirmed_ThenSignInUsesTheNewOne()
    {
        var admin = await Admin("phone-admin@muster.test", "+41795590141", "501.005");
        var created = await _driver.Active(admin, MemberDriver.Request("phone@muster.test", "+41795590142"));
        const string newNumber = "+41795590143";
        var mailsBefore = _server.Mail.To("phone@muster.test").Count;

        var started = await Members.StartMemberPhoneChangeAsync(new() { MemberId = created.Id, PhoneNumber = "079 559 01 43" }, MemberDriver.As(admin));
        Assert.EndsWith("42", started.Member.MaskedPhoneNumber);
        Assert.EndsWith("43", started.Member.MaskedPendingPhoneNumber);
        Assert.Equal(MemberState.Active, started.Member.State);
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText(newNumber));

        // Before the confirmation, a sign-in's code goes to the old number.
        var oldSmsCount = _server.Sms.To("+41795590142").Count;
        await _driver.SignedIn(created);
        Assert.Equal(oldSmsCount + 1, _server.Sms.To("+41795590142").Count);
        Assert.Single(_server.Sms.To(newNumber));

        var confirmed = (await Members.ConfirmMemberPhoneChangeAsync(new() { MemberId = created.Id, Code = code }, MemberDriver.As(admin))).Member;
        Assert.EndsWith("43", confirmed.MaskedPhoneNumber);
        Assert.Equal("", confirmed.MaskedPendingPhoneNumber);
        Assert.NotEqual(started.Member.Etag, confirmed.Etag);
        await _server.Mail.WaitForText("phone@muster.test", mailsBefore + 1); // the person is told

        // After it, to the new one.
        var challenge = await _driver.SignIn.Password("phone@muster.test");
        Assert.EndsWith("43", challenge.MaskedPhoneNumber);
        var sms = await _driver.SignIn.SmsCode(challenge, newNumber);
        var session = (await _driver.SignIn.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = sms })).Session;
        Assert.Equal(admin.OrganizationId, session.OrganizationId);
        Assert.Equal(oldSmsCount + 1, _server.Sms.To("+41795590142").Count);
    }

    [Fact]
    public async Task PhoneChange_SendMemberPhoneCode_SendsAgainToTheNewNumber()
    {
        var admin = await Admin("phone2-admin@muster.test", "+41795590151", "501.006");
        var created = await _driver.Active(admin, MemberDriver.Request("phone2@muster.test", "+41795590152"));
        await Members.StartMemberPhoneChangeAsync(new() { MemberId = created.Id, PhoneNumber = "+41795590153" }, MemberDriver.As(admin));
        var first = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795590153"));

        _driver.Registrar.WaitOutResendInterval();
        var sent = await Members.SendMemberPhoneCodeAsync(new() { MemberId = created.Id }, MemberDriver.As(admin));
        Assert.EndsWith("53", sent.MaskedPhoneNumber);
        var second = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795590153", 2));

        if (first != second)
        {
            await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
                Members.ConfirmMemberPhoneChangeAsync(new() { MemberId = created.Id, Code = first }, MemberDriver.As(admin)));
        }
        var confirmed = (await Members.ConfirmMemberPhoneChangeAsync(new() { MemberId = created.Id, Code = second }, MemberDriver.As(admin))).Member;
        Assert.EndsWith("53", confirmed.MaskedPhoneNumber);
    }

    [Fact]
    public async Task PhoneChange_OfAPendingPhoneMember_ReplacesTheNumberToVerify()
    {
        var admin = await Admin("phone3-admin@muster.test", "+41795590161", "501.007");
        var (created, oldCode) = await _driver.Create(admin, MemberDriver.Request("phone3@muster.test", "+41795590162"));
        // A member's codes are 60 seconds apart, whichever number they go to.
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "RESEND_TOO_SOON",
            Members.StartMemberPhoneChangeAsync(new() { MemberId = created.Member.Id, PhoneNumber = "+41795590163" }, MemberDriver.As(admin)));
        Assert.Empty(_server.Sms.To("+41795590163"));
        _driver.Registrar.WaitOutResendInterval();

        var started = await Members.StartMemberPhoneChangeAsync(new() { MemberId = created.Member.Id, PhoneNumber = "+41795590163" }, MemberDriver.As(admin));
        Assert.Equal(MemberState.PendingPhone, started.Member.State);
        Assert.EndsWith("63", started.Member.MaskedPendingPhoneNumber);
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795590163"));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "MEMBER_STATE_INVALID",
            Members.ConfirmMemberPhoneChangeAsync(new() { MemberId = created.Member.Id, Code = code }, MemberDriver.As(admin)));

        if (oldCode != code)
        {
            await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
                Members.VerifyMemberPhoneAsync(new() { MemberId = created.Member.Id, Code = oldCode }, MemberDriver.As(admin)));
        }
        var verified = (await Members.VerifyMemberPhoneAsync(new() { MemberId = created.Member.Id, Code = code }, MemberDriver.As(admin))).Member;
        Assert.EndsWith("63", verified.MaskedPhoneNumber);
        Assert.Equal(MemberState.PendingActivation, verified.State);
    }

    [Fact]
    public async Task PhoneChange_ToTheVerifiedNumber_FailsWithFieldInvalid()
    {
        var admin = await Admin("phone4-admin@muster.test", "+41795590171", "501.008");
        var created = await _driver.Active(admin, MemberDriver.Request("phone4@muster.test", "+41795590172"));
        var smsBefore = _server.Sms.To("+41795590172").Count;
        _driver.Registrar.WaitOutResendInterval();

        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Members.StartMemberPhoneChangeAsync(new() { MemberId = created.Id, PhoneNumber = "+41795590172" }, MemberDriver.As(admin)));

        Assert.Equal(smsBefore, _server.Sms.To("+41795590172").Count);
        Assert.Equal("", (await _driver.Get(admin, created.Id)).MaskedPendingPhoneNumber);
    }

    [Fact]
    public async Task ConfirmMemberPhoneChange_WithoutAPendingNumber_FailsWithMemberStateInvalid()
    {
        var admin = await Admin("phone5-admin@muster.test", "+41795590181", "501.009");
        var created = await _driver.Active(admin, MemberDriver.Request("phone5@muster.test", "+41795590182"));

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "MEMBER_STATE_INVALID",
            Members.ConfirmMemberPhoneChangeAsync(new() { MemberId = created.Id, Code = "123456" }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "MEMBER_STATE_INVALID",
            Members.SendMemberPhoneCodeAsync(new() { MemberId = created.Id }, MemberDriver.As(admin)));
    }
}
