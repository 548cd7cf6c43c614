using Connect.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Connect.Grpc.Tests.Replicas;

/// <summary>
/// The rules the flows check inside one write hold when two replicas race for them: each race is run many times,
/// with the two calls sent at the same moment, one to each replica.
/// </summary>
[Collection(ReplicaPairCollection.Name)]
public sealed class ReplicaRaceTests(ReplicaPair replicas)
{
    private const int Rounds = 10;

    [Fact]
    public void TheBootstrapCode_IsPrintedByOneReplica_OfTwoStartedTogether() =>
        Assert.Single(replicas.Outputs, output => output.Lines.Any(line => TestCodes.AccessCode(line) is not null));

    [Fact]
    public async Task SignInFailures_AreCountedExactly_AcrossReplicas()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var address = $"nobody-{Guid.NewGuid():N}@race.test";
            var answers = await ReplicaCalls.Together(24, i => new SignInService.SignInServiceClient(replicas.Channels[i % 2])
                .StartSignInAsync(new() { Email = address, Password = "a wrong password" }).ResponseAsync);

            // The 10th failure locks the address: 9 answers say "wrong", every other one "locked", however they interleave.
            Assert.Equal("9 SIGN_IN_FAILED, 15 SIGN_IN_LOCKED", string.Join(", ",
                answers.GroupBy(a => a).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}")));
        }
    }

    [Fact]
    public async Task OneMembership_PerAddressAndOrganization()
    {
        var token = await replicas.FundOperator.Token(replicas.Channels[0]);
        for (var round = 0; round < Rounds; round++)
        {
            var email = $"member-{Guid.NewGuid():N}@race.test";
            var answers = await ReplicaCalls.Together(2, i => new MemberService.MemberServiceClient(replicas.Channels[i])
                .CreateMemberAsync(MemberDriver.Request(email, ReplicaCalls.Phone()), RpcAssert.Bearer(token)).ResponseAsync);

            Assert.Equal(["ALREADY_MEMBER", "OK"], answers.Order());
            var listed = await new MemberService.MemberServiceClient(replicas.Channels[round % 2])
                .ListMembersAsync(new() { PageSize = 10, Query = email }, RpcAssert.Bearer(token));
            Assert.Single(listed.Members);
        }
    }

    [Fact]
    public async Task AnAccessCode_HasOneWinner()
    {
        var token = await replicas.FundOperator.Token(replicas.Channels[0]);
        var registrar = new Registrar(replicas, replicas.Channels[0]);
        for (var round = 0; round < Rounds / 2; round++)
        {
            var organization = await registrar.Organization(token, $"RACE.{Guid.NewGuid():N}"[..20]);
            var contact = $"contact-{Guid.NewGuid():N}@race.test";
            var invitation = await registrar.Invitations.CreateInvitationAsync(new() { OrganizationId = organization.Id, Email = contact },
                RpcAssert.Bearer(token));
            var code = invitation.AccessCode.Length > 0 ? invitation.AccessCode : TestCodes.AccessCode(await replicas.Mail.WaitForText(contact))!;
            var ready = await Task.WhenAll(replicas.Channels.Select(channel => ReadyToFinish(channel, code)));

            var finished = new FinishRegistrationResponse?[2];
            var answers = await ReplicaCalls.Together(2, async i => finished[i] = await new RegistrationService.RegistrationServiceClient(replicas.Channels[i])
                .FinishRegistrationAsync(new() { RegistrationToken = ready[i] }));

            Assert.Single(answers, a => a == "OK");
            var winner = finished.Single(f => f is not null)!;
            var members = await new MemberService.MemberServiceClient(replicas.Channels[round % 2])
                .ListMembersAsync(new() { PageSize = 10 }, RpcAssert.Bearer(winner.SessionToken));
            Assert.Single(members.Members);
        }
    }

    [Fact]
    public async Task TheLastAdministrator_IsKept()
    {
        var members = new MemberDriver(replicas, replicas.Channels[0]);
        var operatorAdmin = await ReplicaCalls.OperatorAdmin(replicas, members);
        var second = await members.ActiveAndSignedIn(operatorAdmin, MemberDriver.Request($"second-{Guid.NewGuid():N}@race.test", ReplicaCalls.Phone(), administrator: true));
        var admins = new[] { operatorAdmin, second };

        for (var round = 0; round < Rounds; round++)
        {
            // Both hold the right at the start of each round.
            var everyone = await members.List(operatorAdmin);
            var targets = new[] { everyone.Single(m => m.Email == second.Email), everyone.Single(m => m.Email == operatorAdmin.Email) };

            // Each takes the right from the other, on a different replica: one of them must keep it.
            var answers = await ReplicaCalls.Together(2, i => new MemberService.MemberServiceClient(replicas.Channels[i])
                .UpdateMemberAsync(Administrator(targets[i], false), MemberDriver.As(admins[i])).ResponseAsync);

            Assert.Single(answers, a => a == "OK");
            var keeper = admins[Array.IndexOf(answers, "OK")];
            var now = await members.List(keeper);
            Assert.Single(now, m => m.Administrator && m.State == MemberState.Active);
            // The one who kept the right gives it back, for the next round.
            var other = now.Single(m => m.Email != keeper.Email && (m.Email == second.Email || m.Email == operatorAdmin.Email));
            await members.Members.UpdateMemberAsync(Administrator(other, true), MemberDriver.As(keeper));
        }
    }

    [Fact]
    public async Task ASignInCode_IsUsedOnce()
    {
        var members = new MemberDriver(replicas, replicas.Channels[0]);
        // A person of this test's own: a number receives at most 5 codes an hour (2 go to making them a signed-in member).
        var person = await members.ActiveAndSignedIn(await ReplicaCalls.OperatorAdmin(replicas, members), MemberDriver.Request($"coded-{Guid.NewGuid():N}@race.test", ReplicaCalls.Phone()));
        for (var round = 0; round < 3; round++)
        {
            replicas.Pass(replicas.ResendInterval);
            var challenge = await members.SignIn.Password(person.Email);
            var code = await members.SignIn.SmsCode(challenge, person.Phone);

            var answers = await ReplicaCalls.Together(2, i => new SignInService.SignInServiceClient(replicas.Channels[i])
                .VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = code }).ResponseAsync);

            Assert.Single(answers, a => a == "OK");
        }
    }

    [Fact]
    public async Task PageTokens_AreReadOnEitherReplica()
    {
        var token = await replicas.FundOperator.Token(replicas.Channels[0]);
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++)
        {
            await new MemberService.MemberServiceClient(replicas.Channels[i % 2])
                .CreateMemberAsync(MemberDriver.Request($"paged-{tag}-{i}@race.test", ReplicaCalls.Phone()), RpcAssert.Bearer(token));
        }
        var whole = await new MemberService.MemberServiceClient(replicas.Channels[0])
            .ListMembersAsync(new() { PageSize = 100, Query = tag }, RpcAssert.Bearer(token));

        var paged = new List<string>();
        var pageToken = "";
        for (var page = 0; page == 0 || pageToken.Length > 0; page++)
        {
            var answer = await new MemberService.MemberServiceClient(replicas.Channels[page % 2])
                .ListMembersAsync(new() { PageSize = 2, Query = tag, PageToken = pageToken }, RpcAssert.Bearer(token));
            paged.AddRange(answer.Members.Select(m => m.Id));
            pageToken = answer.NextPageToken;
        }

        Assert.Equal(5, whole.Members.Count);
        Assert.Equal(whole.Members.Select(m => m.Id), paged);
    }

    private static UpdateMemberRequest Administrator(Member member, bool administrator)
    {
        var changed = member.Clone();
        changed.Administrator = administrator;
        return new() { Member = changed, UpdateMask = new FieldMask { Paths = { "administrator" } } };
    }


    /// <summary>A registration with the access code brought up to its last step on one replica; its token.</summary>
    private async Task<string> ReadyToFinish(global::Grpc.Net.Client.GrpcChannel channel, string accessCode)
    {
        var registration = new RegistrationService.RegistrationServiceClient(channel);
        var email = $"admin-{Guid.NewGuid():N}@race.test";
        var phone = ReplicaCalls.Phone();
        var token = (await registration.RedeemAccessCodeAsync(new() { AccessCode = accessCode })).RegistrationToken;
        await registration.SubmitEmailAsync(new() { RegistrationToken = token, Email = email, Language = Language.Fr });
        var emailCode = TestCodes.SixDigits(await replicas.Mail.WaitForText(email));
        await registration.VerifyEmailAsync(new() { RegistrationToken = token, Code = emailCode });
        await registration.CreateProfileAsync(new()
        {
            RegistrationToken = token, GivenName = "Anna", FamilyName = "Muster", Password = Registrar.Password, Language = Language.Fr,
        });
        await registration.StartPhoneVerificationAsync(new() { RegistrationToken = token, PhoneNumber = phone });
        var smsCode = TestCodes.SixDigits(await replicas.Sms.WaitForText(phone));
        await registration.VerifyPhoneAsync(new() { RegistrationToken = token, Code = smsCode });
        return token;
    }
}
