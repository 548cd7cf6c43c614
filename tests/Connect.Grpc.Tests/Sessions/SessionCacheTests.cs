using Connect.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Connect.Grpc.Tests.Sessions;

/// <summary>A server whose store notes every read and write, on LiteDB or on PostgreSQL.</summary>
public abstract class CountingClassServer(bool postgreSql) : ClassServer(new ConnectServerFactory(services: CountingStore.Register, postgreSql: postgreSql))
{
    public CountingStore Store => (CountingStore)Server.Store();
}

public sealed class LiteDbCountingClassServer() : CountingClassServer(postgreSql: false);

public sealed class PostgresCountingClassServer() : CountingClassServer(postgreSql: true);

public sealed class SessionCacheOnLiteDbTests(LiteDbCountingClassServer shared) : SessionCacheTests(shared), IClassFixture<LiteDbCountingClassServer>;

public sealed class SessionCacheOnPostgreSqlTests(PostgresCountingClassServer shared) : SessionCacheTests(shared), IClassFixture<PostgresCountingClassServer>;

/// <summary>
/// Session checks answered from memory (<c>SessionCache</c>) still refuse or narrow a session on the very next call after
/// each change that ends or narrows it. Every test first checks the session twice, so that it is cached, then changes it.
/// </summary>
public abstract class SessionCacheTests
{
    private readonly ConnectServerFactory _server;
    private readonly CountingStore _store;
    private readonly MemberDriver _members;
    private static int _numbers;

    protected SessionCacheTests(CountingClassServer shared)
    {
        _server = shared.Server;
        _store = shared.Store;
        _members = new MemberDriver(_server, shared.Channel);
    }

    private SessionService.SessionServiceClient Sessions => _members.SignIn.Sessions;

    [Fact]
    public async Task ASecondCheck_ReadsNothing_AndTheLastUsedTime_IsWrittenOncePerMinute()
    {
        var (_, person) = await AdminAndMember();
        await Cached(person);

        _store.Recording = true;
        for (var i = 0; i < 20; i++) await Sessions.CheckAccessAsync(new() { TopicId = "contributions" }, MemberDriver.As(person));
        _server.Pass(TimeSpan.FromSeconds(61));
        for (var i = 0; i < 20; i++) await Sessions.CheckAccessAsync(new() { TopicId = "contributions" }, MemberDriver.As(person));
        _store.Recording = false;

        // The touch after the minute reads the session inside its write, and the next check reads it once again. The
        // topic catalogue's copy expires on the clock of the machine, so a slow run may see it read again meanwhile.
        Assert.Equal(["Get Session", "SessionWithMembership", "Update Session"], _store.Take().Where(read => read != "Scan Topic"));
    }

    [Fact]
    public async Task ASecondWhoAmI_ReadsNothing()
    {
        var (_, person) = await AdminAndMember();
        await Sessions.WhoAmIAsync(new(), MemberDriver.As(person));
        await Sessions.WhoAmIAsync(new(), MemberDriver.As(person));

        _store.Recording = true;
        var me = await Sessions.WhoAmIAsync(new(), MemberDriver.As(person));
        _store.Recording = false;

        Assert.Equal(person.Email, me.Email);
        Assert.Empty(_store.Take());
    }

    [Fact]
    public async Task AProfileChange_AndARenamedOrganization_ShowInTheNextWhoAmI()
    {
        var (admin, person) = await AdminAndMember();
        for (var i = 0; i < 2; i++) await Sessions.WhoAmIAsync(new(), MemberDriver.As(person));

        await _members.SignIn.Account.UpdateProfileAsync(new() { GivenName = "Renée", FamilyName = "Neuname" }, MemberDriver.As(person));
        var operatorToken = RpcAssert.Bearer(await _members.SignIn.OperatorToken());
        var organization = (await _members.Registrar.Organizations.GetOrganizationAsync(new() { Id = admin.OrganizationId }, operatorToken)).Organization;
        organization.DisplayName = "Neuer Name AG";
        await _members.Registrar.Organizations.UpdateOrganizationAsync(
            new() { Organization = organization, UpdateMask = FieldMask.FromString("display_name") }, operatorToken);

        var me = await Sessions.WhoAmIAsync(new(), MemberDriver.As(person));
        Assert.Equal(("Renée", "Neuname", "Neuer Name AG"), (me.GivenName, me.FamilyName, me.OrganizationDisplayName));
    }

    [Fact]
    public async Task AMemberPage_ReadsItsPersonsOnce_AndShowsAProfileChange_OnTheNextPage()
    {
        var (admin, person) = await AdminAndMember();
        await _members.List(admin);

        _store.Recording = true;
        await _members.List(admin);
        Assert.DoesNotContain(_store.Take(), operation => operation.StartsWith("GetMany", StringComparison.Ordinal));
        _store.Recording = false;
        await _members.SignIn.Account.UpdateProfileAsync(new() { GivenName = "Renée", FamilyName = "Neuname" }, MemberDriver.As(person));

        var listed = (await _members.List(admin)).Single(m => m.Email == person.Email);
        Assert.Equal(("Renée", "Neuname"), (listed.GivenName, listed.FamilyName));
    }

    [Fact]
    public async Task AMemberPage_ReadAgain_ReadsNoPage_AndANewOrDeactivatedMember_ShowsOnTheNextRead()
    {
        var (admin, person) = await AdminAndMember();
        await _members.List(admin);

        _store.Recording = true;
        await _members.List(admin);
        Assert.DoesNotContain(_store.Take(), operation => operation.StartsWith("MemberPage", StringComparison.Ordinal));
        _store.Recording = false;

        // A new membership (an insert: nothing the cache held changed, but the page did).
        var newcomer = MemberDriver.Request(_server.Unique("newcomer@cache.test"), _server.UniquePhone());
        await _members.Create(admin, newcomer);
        Assert.Contains(await _members.List(admin), m => m.Email == newcomer.Email);

        await _members.Members.DeactivateMemberAsync(new() { MemberId = await MemberId(admin, person) }, MemberDriver.As(admin));
        Assert.DoesNotContain(await _members.List(admin), m => m.Email == person.Email);
        Assert.Contains(await _members.List(admin, MemberState.Deactivated), m => m.Email == person.Email);
    }

    [Fact]
    public async Task ASecondGetMember_ReadsNothing_AndAChangeShows_OnTheNextCall()
    {
        var (admin, person) = await AdminAndMember();
        var id = await MemberId(admin, person);
        await _members.Get(admin, id);

        _store.Recording = true;
        var member = await _members.Get(admin, id);
        Assert.Empty(_store.Take());
        _store.Recording = false;
        member.Administrator = true;
        await _members.Members.UpdateMemberAsync(new() { Member = member, UpdateMask = FieldMask.FromString("administrator") }, MemberDriver.As(admin));

        var changed = await _members.Get(admin, id);
        Assert.True(changed.Administrator);
        Assert.NotEqual(member.Etag, changed.Etag);
    }

    [Fact]
    public async Task SignOut_EndsTheCachedSession()
    {
        var (_, person) = await AdminAndMember();
        await Cached(person);

        await Sessions.SignOutAsync(new(), MemberDriver.As(person));

        await Refused(person);
    }

    [Fact]
    public async Task Deactivation_EndsTheCachedSession()
    {
        var (admin, person) = await AdminAndMember();
        await Cached(person);

        await _members.Members.DeactivateMemberAsync(new() { MemberId = await MemberId(admin, person) }, MemberDriver.As(admin));

        await Refused(person);
    }

    [Fact]
    public async Task Suspension_EndsTheCachedSessionsOfTheOrganization()
    {
        var (admin, person) = await AdminAndMember();
        await Cached(person);
        await Cached(admin);

        await _members.Registrar.Organizations.SuspendOrganizationAsync(new() { Id = admin.OrganizationId, Reason = "Test" },
            RpcAssert.Bearer(await _members.SignIn.OperatorToken()));

        await Refused(person);
        await Refused(admin);
    }

    [Fact]
    public async Task APasswordChange_EndsTheOtherCachedSessions()
    {
        var (_, person) = await AdminAndMember();
        var other = person with { SessionToken = (await _members.SignIn.WithSms(person, organizationId: person.OrganizationId)).Session.SessionToken };
        await Cached(person);
        await Cached(other);

        await _members.SignIn.Account.ChangePasswordAsync(new() { CurrentPassword = Registrar.Password, NewPassword = "a new password, long enough" },
            MemberDriver.As(other));

        await Refused(person);
        Assert.True((await Sessions.CheckAccessAsync(new() { TopicId = "contributions" }, MemberDriver.As(other))).Allowed);
    }

    [Fact]
    public async Task ATopicTaken_IsRefusedOnTheNextCheck()
    {
        var (admin, person) = await AdminAndMember();
        await Cached(person);

        var member = await _members.Get(admin, await MemberId(admin, person));
        member.TopicIds.Clear();
        await _members.Members.UpdateMemberAsync(new() { Member = member, UpdateMask = FieldMask.FromString("topic_ids") }, MemberDriver.As(admin));

        var check = await Sessions.CheckAccessAsync(new() { TopicId = "contributions" }, MemberDriver.As(person));
        Assert.False(check.Allowed);
    }

    [Fact]
    public async Task TheAdministratorRightTaken_IsGoneOnTheNextCall()
    {
        var (admin, person) = await AdminAndMember(administrator: true);
        await Cached(person);
        Assert.True((await Sessions.WhoAmIAsync(new(), MemberDriver.As(person))).Administrator);

        var member = await _members.Get(admin, await MemberId(admin, person));
        member.Administrator = false;
        await _members.Members.UpdateMemberAsync(new() { Member = member, UpdateMask = FieldMask.FromString("administrator") }, MemberDriver.As(admin));

        Assert.False((await Sessions.WhoAmIAsync(new(), MemberDriver.As(person))).Administrator);
        await RpcAssert.Fails(StatusCode.PermissionDenied, "ADMINISTRATOR_REQUIRED",
            _members.Members.ListMembersAsync(new() { PageSize = 10 }, MemberDriver.As(person)));
    }

    [Fact]
    public async Task ACachedSession_StillEndsAfter30IdleMinutes()
    {
        var (_, person) = await AdminAndMember();
        await Cached(person);

        _server.Pass(TimeSpan.FromMinutes(30));

        await Refused(person);
    }

    [Fact]
    public async Task ACachedSession_InUseAllTheTime_StillEndsAfter12Hours()
    {
        var (_, person) = await AdminAndMember();
        await Cached(person);

        for (var used = TimeSpan.Zero; used < TimeSpan.FromHours(12) - TimeSpan.FromMinutes(20); used += TimeSpan.FromMinutes(20))
        {
            _server.Pass(TimeSpan.FromMinutes(20));
            await Cached(person);
        }
        _server.Pass(TimeSpan.FromMinutes(20));

        await Refused(person);
    }

    private async Task<(RegisteredAdmin Admin, RegisteredAdmin Person)> AdminAndMember(bool administrator = false)
    {
        var n = Interlocked.Increment(ref _numbers);
        var admin = await _members.Admin(_server.Unique("admin@cache.test"), _server.UniquePhone(), _server.Unique($"990.{n:000}"));
        var person = await _members.ActiveAndSignedIn(admin,
            MemberDriver.Request(_server.Unique("person@cache.test"), _server.UniquePhone(), administrator: administrator, topicIds: ["contributions"]));
        return (admin, person);
    }

    private async Task<string> MemberId(RegisteredAdmin admin, RegisteredAdmin person) =>
        (await _members.List(admin)).Single(m => m.Email == person.Email).Id;

    /// <summary>Checks the session twice: the first check reads and keeps it, the second answers from memory.</summary>
    private async Task Cached(RegisteredAdmin person)
    {
        for (var i = 0; i < 2; i++)
            Assert.True((await Sessions.CheckAccessAsync(new() { TopicId = "contributions" }, MemberDriver.As(person))).Allowed);
    }

    private async Task Refused(RegisteredAdmin person) =>
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID",
            Sessions.CheckAccessAsync(new() { TopicId = "contributions" }, MemberDriver.As(person)));
}
