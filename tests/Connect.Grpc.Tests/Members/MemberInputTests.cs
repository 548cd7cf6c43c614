using Connect.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Domain = Connect.Grpc.Domain;

namespace Connect.Grpc.Tests.Members;

/// <summary>Bad input and wrong states: each refused with its reason, and nothing written.</summary>
public sealed class MemberInputTests : IClassFixture<ClassServer>
{
    private static readonly MemberState[] AllStates =
        [MemberState.PendingPhone, MemberState.PendingActivation, MemberState.Active, MemberState.Deactivated];

    private readonly ConnectServerFactory _server;
    private readonly MemberDriver _driver;

    public MemberInputTests(ClassServer shared)
    {
        _server = shared.Server;
        _driver = new MemberDriver(_server, shared.Channel);
    }

    private MemberService.MemberServiceClient Members => _driver.Members;

    private Task<RegisteredAdmin> Admin(string email, string phone, string affiliate) =>
        _driver.Admin(email, phone, affiliate, "Muster AG", Language.De, "contributions", "family-allowances");

    /// <summary>What a refused write must leave as it was: every member, every queued message, the audit log.</summary>
    private async Task<(IReadOnlyList<Member> Members, int Messages, IReadOnlyList<string> Audit)> Snapshot(RegisteredAdmin admin) =>
        (await _driver.List(admin, AllStates),
         _server.Stored<Domain.OutboxMessage>().Count,
         (await _driver.Audit(admin)).Select(e => e.Id).ToList());

    private async Task AssertUnchanged(RegisteredAdmin admin, (IReadOnlyList<Member> Members, int Messages, IReadOnlyList<string> Audit) before)
    {
        var after = await Snapshot(admin);
        Assert.Equal(before.Members, after.Members);
        Assert.Equal(before.Messages, after.Messages);
        Assert.Equal(before.Audit, after.Audit);
    }

    private static string Wrong(string code) => code[..5] + (char)('0' + (code[5] - '0' + 1) % 10);

    // ---- create ----

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("berta@localhost")]
    [InlineData("berta muster@muster.test")]
    [InlineData("berta@muster.test\u0000")]
    [InlineData("Berta <berta@muster.test>")]
    public async Task CreateMember_WithAnInvalidEMail_FailsWithFieldInvalid(string email)
    {
        var admin = await Admin(_server.Unique("email-admin@muster.test"), _server.UniquePhone(), _server.Unique("801.001"));
        var before = await Snapshot(admin);

        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Members.CreateMemberAsync(MemberDriver.Request(email, "+41795620102"), MemberDriver.As(admin)));

        await AssertUnchanged(admin, before);
        Assert.Empty(_server.Sms.To("+41795620102"));
    }

    public static TheoryData<string, string> BadNames => new()
    {
        { "", "Beispiel" },
        { "   ", "Beispiel" },
        { "Berta", "" },
        { new string('a', 101), "Beispiel" },
        { "Berta", new string('b', 101) },
        { "Ber\u0007ta", "Beispiel" },
        { "Berta", "Bei\nspiel" },
        { "Berta\u0000", "Beispiel" },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task CreateMember_WithABadName_FailsWithFieldInvalid(string givenName, string familyName)
    {
        var admin = await Admin(_server.Unique("name-admin@muster.test"), _server.UniquePhone(), _server.Unique("801.002"));
        var before = await Snapshot(admin);

        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Members.CreateMemberAsync(MemberDriver.Request(_server.Unique("name@muster.test"), "+41795620112", givenName, familyName), MemberDriver.As(admin)));

        var field = Assert.Single(status.GetDetail<BadRequest>()!.FieldViolations).Field;
        Assert.Contains(field, new[] { "given_name", "family_name" });
        await AssertUnchanged(admin, before);
        Assert.Empty(_server.Sms.To("+41795620112"));
    }

    [Fact]
    public async Task CreateMember_WithNamesOf100Characters_IsFine()
    {
        var admin = await Admin("long-admin@muster.test", "+41795620121", "801.003");

        var created = (await Members.CreateMemberAsync(MemberDriver.Request("long@muster.test", "+41795620122", new string('a', 100), new string('b', 100)),
            MemberDriver.As(admin))).Member;

        Assert.Equal(100, created.GivenName.Length);
        Assert.Equal(100, created.FamilyName.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("not a number")]
    [InlineData("+41 31 390 23 25")]   // a Bern landline: no SMS
    [InlineData("+4179555")]
    [InlineData("+41 79 555 01 23 45 67 89 01 23 45 67 89 01 23")]
    public async Task CreateMember_WithAnInvalidPhoneNumber_FailsWithPhoneNumberInvalid(string phone)
    {
        var admin = await Admin(_server.Unique("phone-admin@muster.test"), _server.UniquePhone(), _server.Unique("801.004"));
        var before = await Snapshot(admin);

        await RpcAssert.Fails(StatusCode.InvalidArgument, "PHONE_NUMBER_INVALID",
            Members.CreateMemberAsync(MemberDriver.Request(_server.Unique("phone@muster.test"), phone), MemberDriver.As(admin)));

        await AssertUnchanged(admin, before);
    }

    [Fact]
    public async Task CreateMember_WithAUsMobile_FailsWithPhoneCountryNotAllowed_AndSoDoesAPhoneChange()
    {
        var admin = await Admin("us-admin@muster.test", "+41795620141", "801.005");
        var before = await Snapshot(admin);

        await RpcAssert.Fails(StatusCode.InvalidArgument, "PHONE_COUNTRY_NOT_ALLOWED",
            Members.CreateMemberAsync(MemberDriver.Request("us@muster.test", "+12025550123"), MemberDriver.As(admin)));
        await AssertUnchanged(admin, before);
        Assert.Empty(_server.Sms.To("+12025550123"));

        var self = Assert.Single(before.Members);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "PHONE_COUNTRY_NOT_ALLOWED",
            Members.StartMemberPhoneChangeAsync(new() { MemberId = self.Id, PhoneNumber = "+12025550123" }, MemberDriver.As(admin)));
        await AssertUnchanged(admin, before);

        // A German mobile is allowed.
        var german = (await Members.CreateMemberAsync(MemberDriver.Request("de@muster.test", "+4915123456789"), MemberDriver.As(admin))).Member;
        Assert.EndsWith("89", german.MaskedPendingPhoneNumber);
    }

    [Fact]
    public async Task CreateMember_WithATopicNotInTheCatalogue_FailsWithTopicNotFound()
    {
        var admin = await Admin("topic-admin@muster.test", "+41795620151", "801.006");
        var before = await Snapshot(admin);

        await RpcAssert.Fails(StatusCode.InvalidArgument, "TOPIC_NOT_FOUND", Members.CreateMemberAsync(
            MemberDriver.Request("topic@muster.test", "+41795620152", topicIds: ["contributions", "no-such-topic"]), MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "TOPIC_NOT_FOUND", Members.CreateMemberAsync(
            MemberDriver.Request("topic@muster.test", "+41795620152", topicIds: [""]), MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "TOPIC_NOT_FOUND", Members.CreateMemberAsync(
            MemberDriver.Request("topic@muster.test", "+41795620152", topicIds: [new string('t', 300)]), MemberDriver.As(admin)));

        await AssertUnchanged(admin, before);
        Assert.Empty(_server.Sms.To("+41795620152"));
        Assert.Null(_server.Store().Read(r => r.PersonByEmail("topic@muster.test")));
    }

    [Fact]
    public async Task CreateMember_WithATopicNotAllowedForTheOrganization_FailsWithTopicNotAllowed()
    {
        // The organisation has contributions and family allowances; loss of earnings is in the catalogue but not allowed.
        var admin = await Admin("allowed-admin@muster.test", "+41795620161", "801.007");
        var before = await Snapshot(admin);

        await RpcAssert.Fails(StatusCode.InvalidArgument, "TOPIC_NOT_ALLOWED", Members.CreateMemberAsync(
            MemberDriver.Request("allowed@muster.test", "+41795620162", topicIds: ["contributions", "loss-of-earnings"]), MemberDriver.As(admin)));

        await AssertUnchanged(admin, before);
        Assert.Empty(_server.Sms.To("+41795620162"));
    }

    [Fact]
    public async Task CreateMember_WithMoreThan50Topics_FailsWithFieldInvalid()
    {
        var admin = await Admin("many-admin@muster.test", "+41795620171", "801.008");
        var before = await Snapshot(admin);

        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Members.CreateMemberAsync(
            MemberDriver.Request("many@muster.test", "+41795620172", topicIds: Enumerable.Range(0, 51).Select(i => $"topic-{i}")), MemberDriver.As(admin)));

        await AssertUnchanged(admin, before);
    }

    [Fact]
    public async Task CreateMember_ToANumberThatJustGotACode_FailsWithResendTooSoon_AndWritesNothing()
    {
        var admin = await Admin("soon-admin@muster.test", "+41795620311", "801.022");
        await _driver.Create(admin, MemberDriver.Request("first@muster.test", "+41795620312"));
        var before = await Snapshot(admin);

        await RpcAssert.Fails(StatusCode.ResourceExhausted, "RESEND_TOO_SOON",
            Members.CreateMemberAsync(MemberDriver.Request("second@muster.test", "+41795620312", "Zweite", "Person"), MemberDriver.As(admin)));

        await AssertUnchanged(admin, before);
        Assert.Null(_server.Store().Read(r => r.PersonByEmail("second@muster.test")));
        _driver.Registrar.WaitOutResendInterval();
        var later = (await Members.CreateMemberAsync(MemberDriver.Request("second@muster.test", "+41795620312", "Zweite", "Person"), MemberDriver.As(admin))).Member;
        Assert.Equal(MemberState.PendingPhone, later.State);
    }

    [Fact]
    public async Task SendMemberPhoneCode_TheSixthCodeToANumberWithinAnHour_FailsWithSendLimitReached()
    {
        var admin = await Admin("limit-admin@muster.test", "+41795620321", "801.023");
        var (created, _) = await _driver.Create(admin, MemberDriver.Request("limit@muster.test", "+41795620322"));
        for (var i = 0; i < 4; i++)
        {
            _driver.Registrar.WaitOutResendInterval();
            await Members.SendMemberPhoneCodeAsync(new() { MemberId = created.Member.Id }, MemberDriver.As(admin));
        }
        Assert.Equal(5, (await Task.WhenAll(Enumerable.Range(1, 5).Select(n => _server.Sms.WaitForText("+41795620322", n)))).Length);
        _driver.Registrar.WaitOutResendInterval();
        var before = await Snapshot(admin);

        await RpcAssert.Fails(StatusCode.ResourceExhausted, "SEND_LIMIT_REACHED",
            Members.SendMemberPhoneCodeAsync(new() { MemberId = created.Member.Id }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "SEND_LIMIT_REACHED",
            Members.CreateMemberAsync(MemberDriver.Request("other@muster.test", "+41795620322"), MemberDriver.As(admin)));

        await AssertUnchanged(admin, before);
        Assert.Equal(5, _server.Sms.To("+41795620322").Count);
    }

    // ---- SMS codes ----

    [Fact]
    public async Task VerifyMemberPhone_WrongCodeFiveTimes_CodeInvalidWithAttemptsLeft_ThenTooManyAttempts_EvenForTheRightCode()
    {
        var admin = await Admin("wrong-admin@muster.test", "+41795620181", "801.009");
        var (created, code) = await _driver.Create(admin, MemberDriver.Request("wrong@muster.test", "+41795620182"));
        var request = new VerifyMemberPhoneRequest { MemberId = created.Member.Id, Code = Wrong(code) };

        for (var left = 4; left >= 1; left--)
        {
            var status = await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID", Members.VerifyMemberPhoneAsync(request, MemberDriver.As(admin)));
            Assert.Equal(left.ToString(System.Globalization.CultureInfo.InvariantCulture), status.GetDetail<ErrorInfo>()!.Metadata["attempts_left"]);
        }
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS", Members.VerifyMemberPhoneAsync(request, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "TOO_MANY_ATTEMPTS",
            Members.VerifyMemberPhoneAsync(new() { MemberId = created.Member.Id, Code = code }, MemberDriver.As(admin)));

        var member = await _driver.Get(admin, created.Member.Id);
        Assert.Equal(MemberState.PendingPhone, member.State);
        Assert.Empty(_server.Mail.To("wrong@muster.test"));

        // A new code works.
        _driver.Registrar.WaitOutResendInterval();
        await Members.SendMemberPhoneCodeAsync(new() { MemberId = created.Member.Id }, MemberDriver.As(admin));
        var fresh = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795620182", 2));
        var verified = (await Members.VerifyMemberPhoneAsync(new() { MemberId = created.Member.Id, Code = fresh }, MemberDriver.As(admin))).Member;
        Assert.Equal(MemberState.PendingActivation, verified.State);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("abcdef")]
    public async Task VerifyMemberPhone_WithAMalformedCode_CountsAsWrong(string code)
    {
        var admin = await Admin(_server.Unique("malformed-admin@muster.test"), _server.UniquePhone(), _server.Unique("801.010"));
        var (created, _) = await _driver.Create(admin, MemberDriver.Request(_server.Unique("malformed@muster.test"), "+41795620192"));

        await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
            Members.VerifyMemberPhoneAsync(new() { MemberId = created.Member.Id, Code = code }, MemberDriver.As(admin)));

        Assert.Equal(MemberState.PendingPhone, (await _driver.Get(admin, created.Member.Id)).State);
    }

    [Fact]
    public async Task VerifyMemberPhone_After11Minutes_FailsWithCodeExpired()
    {
        var admin = await Admin("expired-admin@muster.test", "+41795620201", "801.011");
        var (created, code) = await _driver.Create(admin, MemberDriver.Request("expired@muster.test", "+41795620202"));

        _server.Time.Advance(TimeSpan.FromMinutes(11));

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "CODE_EXPIRED",
            Members.VerifyMemberPhoneAsync(new() { MemberId = created.Member.Id, Code = code }, MemberDriver.As(admin)));
        Assert.Equal(MemberState.PendingPhone, (await _driver.Get(admin, created.Member.Id)).State);
        Assert.Empty(_server.Mail.To("expired@muster.test"));
    }

    [Fact]
    public async Task ConfirmMemberPhoneChange_WrongCodes_AndAnExpiredOne_AreRefused_AndTheOldNumberStays()
    {
        var admin = await Admin("confirm-admin@muster.test", "+41795620211", "801.012");
        var created = await _driver.Active(admin, MemberDriver.Request("confirm@muster.test", "+41795620212"));
        await Members.StartMemberPhoneChangeAsync(new() { MemberId = created.Id, PhoneNumber = "+41795620213" }, MemberDriver.As(admin));
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795620213"));

        var status = await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
            Members.ConfirmMemberPhoneChangeAsync(new() { MemberId = created.Id, Code = Wrong(code) }, MemberDriver.As(admin)));
        Assert.Equal("4", status.GetDetail<ErrorInfo>()!.Metadata["attempts_left"]);
        _server.Time.Advance(TimeSpan.FromMinutes(11));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "CODE_EXPIRED",
            Members.ConfirmMemberPhoneChangeAsync(new() { MemberId = created.Id, Code = code }, MemberDriver.As(admin)));

        var member = await _driver.Get(admin, created.Id);
        Assert.EndsWith("12", member.MaskedPhoneNumber);
        Assert.EndsWith("13", member.MaskedPendingPhoneNumber);
    }

    // ---- states ----

    [Fact]
    public async Task VerifyMemberPhone_OfAnActiveOrPendingActivationMember_FailsWithMemberStateInvalid()
    {
        var admin = await Admin("state-admin@muster.test", "+41795620221", "801.013");
        var active = await _driver.Active(admin, MemberDriver.Request("active@muster.test", "+41795620222"));
        var pending = await _driver.Verified(admin, MemberDriver.Request("pending@muster.test", "+41795620223"));
        var self = (await _driver.List(admin)).Single(m => m.PersonId == admin.PersonId);
        var before = await Snapshot(admin);

        foreach (var id in new[] { active.Id, pending.Id, self.Id })
        {
            await RpcAssert.Fails(StatusCode.FailedPrecondition, "MEMBER_STATE_INVALID",
                Members.VerifyMemberPhoneAsync(new() { MemberId = id, Code = "123456" }, MemberDriver.As(admin)));
        }
        await AssertUnchanged(admin, before);
    }

    [Fact]
    public async Task ResendActivation_OfAMemberNotPendingActivation_FailsWithMemberStateInvalid()
    {
        var admin = await Admin("resend-admin@muster.test", "+41795620231", "801.014");
        var active = await _driver.Active(admin, MemberDriver.Request("resend-active@muster.test", "+41795620232"));
        var (pending, _) = await _driver.Create(admin, MemberDriver.Request("resend-pending@muster.test", "+41795620233"));
        _driver.Registrar.WaitOutResendInterval();
        var before = await Snapshot(admin);

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "MEMBER_STATE_INVALID",
            Members.ResendActivationAsync(new() { MemberId = active.Id }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "MEMBER_STATE_INVALID",
            Members.ResendActivationAsync(new() { MemberId = pending.Member.Id }, MemberDriver.As(admin)));
        await AssertUnchanged(admin, before);
    }

    [Fact]
    public async Task SendMemberPhoneCode_ForADeactivatedMember_FailsWithMemberStateInvalid_AndNoNumberCanBeStarted()
    {
        var admin = await Admin("deact-admin@muster.test", "+41795620241", "801.015");
        var created = await _driver.Active(admin, MemberDriver.Request("deact@muster.test", "+41795620242"));
        await Members.DeactivateMemberAsync(new() { MemberId = created.Id }, MemberDriver.As(admin));
        _driver.Registrar.WaitOutResendInterval();
        var before = await Snapshot(admin);

        await RpcAssert.Fails(StatusCode.FailedPrecondition, "MEMBER_STATE_INVALID",
            Members.SendMemberPhoneCodeAsync(new() { MemberId = created.Id }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "MEMBER_STATE_INVALID",
            Members.StartMemberPhoneChangeAsync(new() { MemberId = created.Id, PhoneNumber = "+41795620243" }, MemberDriver.As(admin)));
        await AssertUnchanged(admin, before);
        Assert.Empty(_server.Sms.To("+41795620243"));
    }

    // ---- update ----

    [Fact]
    public async Task UpdateMember_WithAStaleEtag_FailsWithEtagMismatch_AndWritesNothingOfTheSecondChange()
    {
        var admin = await Admin("stale-admin@muster.test", "+41795620251", "801.016");
        var read = await _driver.Verified(admin, MemberDriver.Request("stale@muster.test", "+41795620252", topicIds: ["contributions"]));

        var first = read.Clone();
        first.GivenName = "First";
        var afterFirst = (await Members.UpdateMemberAsync(new() { Member = first }, MemberDriver.As(admin))).Member;
        var before = await Snapshot(admin);

        var second = read.Clone();
        second.FamilyName = "Second";
        second.Administrator = true;
        second.TopicIds.Add("family-allowances");
        await RpcAssert.Fails(StatusCode.Aborted, "ETAG_MISMATCH", Members.UpdateMemberAsync(new()
        {
            Member = second, UpdateMask = new FieldMask { Paths = { "family_name", "administrator", "topic_ids" } },
        }, MemberDriver.As(admin)));

        await AssertUnchanged(admin, before);
        var now = await _driver.Get(admin, read.Id);
        Assert.Equal(afterFirst, now);
        Assert.Equal(("First", "Beispiel"), (now.GivenName, now.FamilyName));
        Assert.False(now.Administrator);
        Assert.Equal(new[] { "contributions" }, now.TopicIds);
    }

    [Fact]
    public async Task UpdateMember_TwoAtOnceWithTheSameEtag_ExactlyOneWins()
    {
        var admin = await Admin("race-admin@muster.test", "+41795620331", "801.024");
        var read = await _driver.Verified(admin, MemberDriver.Request("race@muster.test", "+41795620332"));

        var calls = new[] { "Erste", "Zweite" }.Select(async name =>
        {
            var changed = read.Clone();
            changed.GivenName = name;
            try
            {
                return (Name: name, Member: (await Members.UpdateMemberAsync(new() { Member = changed }, MemberDriver.As(admin))).Member, Error: (RpcException?)null);
            }
            catch (RpcException exception)
            {
                return (Name: name, Member: (Member?)null, Error: exception);
            }
        });
        var results = await Task.WhenAll(calls);

        var winner = Assert.Single(results, r => r.Member is not null);
        var loser = Assert.Single(results, r => r.Error is not null);
        await RpcAssert.Fails(StatusCode.Aborted, "ETAG_MISMATCH", () => Task.FromException(loser.Error!));
        Assert.Equal(winner.Name, (await _driver.Get(admin, read.Id)).GivenName);
        Assert.Single(await _driver.Audit(admin, read.Id), e => e.Action == "membership.updated");
    }

    [Fact]
    public async Task UpdateMember_WithAnEmptyEtag_OrAnUnknownMaskPath_OrNoMember_FailsWithFieldInvalid()
    {
        var admin = await Admin("etag-admin@muster.test", "+41795620261", "801.017");
        var member = await _driver.Verified(admin, MemberDriver.Request("etag@muster.test", "+41795620262"));
        var before = await Snapshot(admin);

        var noEtag = member.Clone();
        noEtag.Etag = "";
        noEtag.GivenName = "Changed";
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Members.UpdateMemberAsync(new() { Member = noEtag }, MemberDriver.As(admin)));

        var changed = member.Clone();
        changed.GivenName = "Changed";
        foreach (var path in new[] { "email", "state", "phone_number", "given_name,family_name", "member.given_name" })
        {
            await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
                Members.UpdateMemberAsync(new() { Member = changed, UpdateMask = new FieldMask { Paths = { "given_name", path } } }, MemberDriver.As(admin)));
        }
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Members.UpdateMemberAsync(new(), MemberDriver.As(admin)));

        await AssertUnchanged(admin, before);
    }

    [Fact]
    public async Task UpdateMember_WithABadName_FailsWithFieldInvalid()
    {
        var admin = await Admin("badname-admin@muster.test", "+41795620271", "801.018");
        var member = await _driver.Verified(admin, MemberDriver.Request("badname@muster.test", "+41795620272"));
        var before = await Snapshot(admin);

        foreach (var (given, family) in new[] { ("", "Beispiel"), (new string('a', 101), "Beispiel"), ("Berta", "Bei\tspiel") })
        {
            var changed = member.Clone();
            changed.GivenName = given;
            changed.FamilyName = family;
            await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Members.UpdateMemberAsync(new() { Member = changed }, MemberDriver.As(admin)));
        }
        await AssertUnchanged(admin, before);
    }

    [Fact]
    public async Task UpdateMember_WithATopicNotFoundOrNotAllowed_IsRefused()
    {
        var admin = await Admin("update-topic-admin@muster.test", "+41795620281", "801.019");
        var member = await _driver.Verified(admin, MemberDriver.Request("update-topic@muster.test", "+41795620282", topicIds: ["contributions"]));
        var before = await Snapshot(admin);

        var unknown = member.Clone();
        unknown.GivenName = "Changed";
        unknown.TopicIds.Add("no-such-topic");
        await RpcAssert.Fails(StatusCode.InvalidArgument, "TOPIC_NOT_FOUND", Members.UpdateMemberAsync(new() { Member = unknown }, MemberDriver.As(admin)));

        var notAllowed = member.Clone();
        notAllowed.GivenName = "Changed";
        notAllowed.TopicIds.Add("loss-of-earnings");
        await RpcAssert.Fails(StatusCode.InvalidArgument, "TOPIC_NOT_ALLOWED", Members.UpdateMemberAsync(new() { Member = notAllowed }, MemberDriver.As(admin)));

        await AssertUnchanged(admin, before);
        Assert.Equal("Berta", (await _driver.Get(admin, member.Id)).GivenName);
    }

    // ---- ids and lists ----

    [Fact]
    public async Task AnEmptyMemberId_FailsWithFieldInvalid_AndAnOversizedOneWithMemberNotFound()
    {
        var admin = await Admin("id-admin@muster.test", "+41795620291", "801.020");

        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Members.GetMemberAsync(new() { MemberId = "" }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.NotFound, "MEMBER_NOT_FOUND", Members.GetMemberAsync(new() { MemberId = new string('a', 500) }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.NotFound, "MEMBER_NOT_FOUND", Members.GetMemberAsync(new() { MemberId = "' OR 1=1 --" }, MemberDriver.As(admin)));
    }

    [Fact]
    public async Task ListMembers_WithANegativePageSize_OrAQueryOver100Characters_OrAnUnknownState_FailsWithFieldInvalid()
    {
        var admin = await Admin("list-admin@muster.test", "+41795620301", "801.021");

        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Members.ListMembersAsync(new() { PageSize = -1 }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Members.ListMembersAsync(new() { Query = new string('q', 101) }, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Members.ListMembersAsync(new() { Query = "mus\u0001ter" }, MemberDriver.As(admin)));
        var unknownState = new ListMembersRequest();
        unknownState.States.Add((MemberState)99);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Members.ListMembersAsync(unknownState, MemberDriver.As(admin)));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID",
            Members.ListOrganizationAuditEventsAsync(new() { PageSize = -5 }, MemberDriver.As(admin)));

        Assert.Empty((await Members.ListMembersAsync(new() { Query = new string('q', 100) }, MemberDriver.As(admin))).Members);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", Members.ListMembersAsync(new() { PageSize = 201 }, MemberDriver.As(admin)));
        Assert.Single((await Members.ListMembersAsync(new() { PageSize = 200 }, MemberDriver.As(admin))).Members);
    }
}
