using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Support;

/// <summary>What support sees of one person: memberships everywhere, the sign-in lock, second factors and recent sign-ins.</summary>
public sealed class PersonDetailTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly SupportDriver _driver;

    public PersonDetailTests(ClassServer shared)
    {
        _server = shared.Server;
        _driver = new SupportDriver(_server, shared.Channel);
    }

    private SignInService.SignInServiceClient SignIn => _driver.People.SignIn;

    private void Later() => _server.Time.Advance(TimeSpan.FromMinutes(1));

    [Fact]
    public async Task GetPerson_AcrossTwoOrganisations_ShowsMembershipsLockFactorsAndRecentSignIns()
    {
        var anna = await _driver.Members.Admin("detail@alpha.test", "+41795650101", "602.001", "Alpha AG");
        var beta = await _driver.Members.Admin("detail-admin@beta.test", "+41795650102", "602.002", "Beta AG", Language.De,
            "contributions", "family-allowances");
        Later();
        var pending = await _driver.Members.Verified(beta, MemberDriver.Request(anna.Email, anna.Phone, topicIds: ["contributions", "family-allowances"]));
        Assert.Equal(MemberState.PendingActivation, pending.State);
        var inBeta = await _driver.Members.Accepted(beta, anna, pending.Id);
        Assert.Equal(MemberState.Active, inBeta.State);
        var secret = await _driver.People.EnrolAuthenticator(anna.SessionToken);
        await _driver.People.Account.CreateRecoveryCodesAsync(new() { Password = Registrar.Password }, MemberDriver.As(anna));
        // Set up what other parts of the API do: Beta suspended, a topic retired.
        _server.Store().Write(w =>
        {
            var organization = w.Get<Domain.Organization>(beta.OrganizationId)!;
            organization.Suspend(_server.Time.GetUtcNow().UtcDateTime);
            w.Update(organization);
            var topic = w.Get<Domain.Topic>("family-allowances")!;
            topic.RetiredAt = _server.Time.GetUtcNow().UtcDateTime;
            w.Update(topic);
            return 0;
        });

        Later();
        await _driver.People.WithSms(anna);
        Later();
        _driver.People.NextTotpStep();
        var byApp = await _driver.People.Password(anna.Email);
        await SignIn.VerifySecondFactorAsync(new() { SignInToken = byApp.SignInToken, AuthenticatorCode = _driver.People.Totp(secret) });
        Later();
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED", () => _driver.People.Password(anna.Email, "not the password at all"));
        Later();
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED", () => _driver.People.Password(anna.Email, "still not the password"));
        Later();
        var wrong = await _driver.People.Password(anna.Email);
        await RpcAssert.Fails(StatusCode.InvalidArgument, "CODE_INVALID",
            SignIn.VerifySecondFactorAsync(new() { SignInToken = wrong.SignInToken, AuthenticatorCode = "000000" == _driver.People.Totp(secret) ? "111111" : "000000" }));

        var detail = await _driver.Person(anna.PersonId);

        Assert.Equal(anna.PersonId, detail.Person.Id);
        Assert.Equal((anna.Email, "Anna", "Muster", anna.Phone, 2), (detail.Person.Email, detail.Person.GivenName, detail.Person.FamilyName,
            detail.Person.PhoneNumber, detail.Person.MembershipCount));
        Assert.Equal(Language.Fr, detail.Language);
        Assert.False(detail.ActivationPending);
        Assert.True(detail.CreateTime.ToDateTime() <= _server.Time.GetUtcNow().UtcDateTime);

        Assert.Equal(["Alpha AG", "Beta AG"], detail.Memberships.Select(m => m.OrganizationName));
        var alpha = detail.Memberships[0];
        Assert.Equal((anna.OrganizationId, "602.001", MemberState.Active, true, false),
            (alpha.OrganizationId, alpha.AffiliateNumber, alpha.State, alpha.Administrator, alpha.OrganizationSuspended));
        Assert.Equal(["contributions"], alpha.TopicIds);
        var inBetaView = detail.Memberships[1];
        Assert.Equal((inBeta.Id, beta.OrganizationId, MemberState.Active, false, true),
            (inBetaView.MemberId, inBetaView.OrganizationId, inBetaView.State, inBetaView.Administrator, inBetaView.OrganizationSuspended));
        Assert.Equal(["contributions"], inBetaView.TopicIds);

        Assert.Equal((anna.PersonId, false, 3), (detail.SignInLock.PersonId, detail.SignInLock.Locked, detail.SignInLock.FailedAttempts));
        Assert.Null(detail.SignInLock.LockEndTime);
        Assert.Equal((anna.Phone, true, 10, false), (detail.SecondFactors.PhoneNumber, detail.SecondFactors.Authenticator,
            detail.SecondFactors.RecoveryCodesLeft, detail.SecondFactors.PhoneNumberRequired));

        Assert.Equal([(false, "second_factor"), (false, "password"), (false, "password"), (true, "authenticator"), (true, "sms"), (true, "registration")],
            detail.RecentSignIns.Select(s => (s.Succeeded, s.Detail)));
        Assert.Equal(detail.RecentSignIns.OrderByDescending(s => s.Time.ToDateTime()).Select(s => s.Time), detail.RecentSignIns.Select(s => s.Time));
        Assert.All(detail.RecentSignIns.Where(s => s.Succeeded), s =>
        {
            Assert.Equal(anna.OrganizationId, s.OrganizationId);
            Assert.NotEmpty(s.UserAgent);
        });
        Assert.All(detail.RecentSignIns.Where(s => !s.Succeeded), s => Assert.Equal("", s.OrganizationId));
        Assert.All(detail.RecentSignIns, s => Assert.NotEmpty(s.ClientAddress));
    }

    [Fact]
    public async Task GetPerson_ShowsTheLastTwentySignIns_AndALock()
    {
        var anna = await _driver.Members.Admin("twenty@alpha.test", "+41795650111", "602.011");
        async Task Fail(int count)
        {
            for (var i = 0; i < count; i++)
            {
                _server.Time.Advance(TimeSpan.FromSeconds(1));
                await Assert.ThrowsAsync<RpcException>(() => _driver.People.Password(anna.Email, $"wrong password {i:D2}"));
            }
        }

        await Fail(10);
        _server.Time.Advance(TimeSpan.FromMinutes(16));
        await Fail(10);
        var locked = await _driver.Person(anna.PersonId);
        Assert.True(locked.SignInLock.Locked);
        Assert.Equal(10, locked.SignInLock.FailedAttempts);
        Assert.Equal(_server.Time.GetUtcNow().UtcDateTime.AddMinutes(15), locked.SignInLock.LockEndTime.ToDateTime(), TimeSpan.FromSeconds(1));
        _server.Time.Advance(TimeSpan.FromMinutes(16));
        await Fail(2);

        var detail = await _driver.Person(anna.PersonId);
        Assert.False(detail.SignInLock.Locked);
        Assert.Equal(2, detail.SignInLock.FailedAttempts);
        Assert.Equal(20, detail.RecentSignIns.Count);
        Assert.All(detail.RecentSignIns, s => Assert.Equal((false, "password"), (s.Succeeded, s.Detail)));
        Assert.Equal(_server.Time.GetUtcNow().UtcDateTime, detail.RecentSignIns[0].Time.ToDateTime(), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task GetPerson_OfAPersonWaitingForActivation_SaysSo()
    {
        var admin = await _driver.Members.Admin("pending-admin@alpha.test", "+41795650121", "602.021");
        var member = await _driver.Members.Verified(admin, MemberDriver.Request("pending@alpha.test", "+41795650122", "Berta", "Beispiel"));

        var detail = await _driver.Person(_driver.Members.PersonIdOf(member.Email));

        Assert.True(detail.ActivationPending);
        Assert.Equal(MemberState.PendingActivation, Assert.Single(detail.Memberships).State);
        Assert.Empty(detail.RecentSignIns);
        Assert.Equal("+41795650122", detail.SecondFactors.PhoneNumber);
    }

    [Fact]
    public async Task GetPerson_WithAnUnknownOrEmptyId_Fails()
    {
        var operatorToken = await _driver.Operator();
        await RpcAssert.Fails(StatusCode.NotFound, "PERSON_NOT_FOUND", _driver.Support.GetPersonAsync(new() { Id = "0123456789abcdef0123456789abcdef" }, operatorToken));
        await RpcAssert.Fails(StatusCode.NotFound, "PERSON_NOT_FOUND", _driver.Support.GetPersonAsync(new() { Id = new string('a', 500) }, operatorToken));
        await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", _driver.Support.GetPersonAsync(new() { Id = "" }, operatorToken));
    }
}
