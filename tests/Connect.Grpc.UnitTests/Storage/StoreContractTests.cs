using Connect.Grpc.Domain;

namespace Connect.Grpc.UnitTests.Storage;

/// <summary>
/// What any <see cref="IStore"/> must do, whatever its engine: a store passes these before the flows may run on it.
/// Each test starts from an empty store; the derived class makes it, and opens it again over the same data.
/// </summary>
public abstract partial class StoreContractTests : IDisposable
{
    protected static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    protected StoreContractTests() => Store = Open();

    protected IStore Store { get; private set; }

    /// <summary>A store over this test's data (empty at first).</summary>
    protected abstract IStore Open();

    /// <summary>Releases the store, keeping its data.</summary>
    protected abstract void Close(IStore store);

    public virtual void Dispose()
    {
        Close(Store);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the store and opens it again over the same data.</summary>
    protected void Reopen()
    {
        Close(Store);
        Store = Open();
    }

    protected T Write<T>(Func<IStoreWriter, T> write) => Store.Write(write);

    protected void Write(Action<IStoreWriter> write) => Store.Write(w =>
    {
        write(w);
        return 0;
    });

    protected T Read<T>(Func<IStoreReader, T> read) => Store.Read(read);

    protected T Insert<T>(T entity) where T : Entity
    {
        Write(w => w.Insert(entity));
        return entity;
    }

    protected Person Person(string email, string given = "Anna", string family = "Muster", string phone = "+41790000000") =>
        Insert(new Person { Email = email, GivenName = given, FamilyName = family, PhoneNumber = phone, CreatedAt = Now, UpdatedAt = Now });

    protected Organization Organization(string name, string affiliate, bool suspended = false)
    {
        var organization = new Organization { DisplayName = name, AffiliateNumber = affiliate, CreatedAt = Now, UpdatedAt = Now };
        if (suspended) organization.Suspend(Now);
        return Insert(organization);
    }

    protected Membership Member(Organization organization, Person person, MembershipState state = MembershipState.Active,
        bool administrator = false, MemberInvitee? invitee = null) =>
        Insert(InState(state, new Membership(state == MembershipState.PendingPhone || state == MembershipState.PendingActivation
            ? MembershipState.PendingPhone : MembershipState.Active)
        {
            OrganizationId = organization.Id, PersonId = person.Id, Administrator = administrator, Invitee = invitee,
            PendingPhoneNumber = state is MembershipState.PendingPhone or MembershipState.PendingActivation ? person.PhoneNumber : null,
            CreatedAt = Now, UpdatedAt = Now, Version = 1,
        }));

    /// <summary>A membership brought to <paramref name="state"/> through the entity's own transitions.</summary>
    private static Membership InState(MembershipState state, Membership membership)
    {
        if (state == MembershipState.PendingActivation) membership.PhoneVerified();
        if (state == MembershipState.Deactivated) membership.Deactivate();
        return membership;
    }

    /// <summary>The exception's message, for the port's refusals (a ConnectException, internal to the server).</summary>
    protected static string Refusal(Action action) => Assert.ThrowsAny<Exception>(action).Message;

    // Entities: insert, get, update, delete, transactions, durability.

    [Fact]
    public void InsertGetUpdateDelete_RoundTripEveryField()
    {
        var person = Person("anna@example.ch");
        person.Language = "fr";
        person.RecoveryCodeHashes = ["a", "b"];
        person.ActivationExpiresAt = Now.AddDays(1);
        Write(w => w.Update(person));

        var read = Read(r => r.Get<Person>(person.Id))!;
        Assert.Equal(("anna@example.ch", "fr"), (read.Email, read.Language));
        Assert.Equal(["a", "b"], read.RecoveryCodeHashes);
        Assert.Equal(Now.AddDays(1), read.ActivationExpiresAt);
        Assert.Equal(DateTimeKind.Utc, read.CreatedAt.Kind);

        Write(w => w.Delete<Person>(person.Id));
        Assert.Null(Read(r => r.Get<Person>(person.Id)));
        Assert.Null(Read(r => r.PersonByEmail("anna@example.ch")));
    }

    [Fact]
    public void GetMany_ReturnsTheEntitiesThatExist_OnceEach()
    {
        var anna = Person("anna@example.ch");
        var berta = Person("berta@example.ch", given: "Berta");

        var found = Read(r => r.GetMany<Person>([berta.Id, "missing", anna.Id, berta.Id]));

        Assert.Equal([anna.Id, berta.Id], found.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal("Berta", found.Single(p => p.Id == berta.Id).GivenName);
        Assert.Empty(Read(r => r.GetMany<Person>([])));
    }

    [Fact]
    public void UpdateOrDeleteOfAMissingEntity_Throws()
    {
        Assert.ThrowsAny<Exception>(() => Write(w => w.Update(new Person { Email = "ghost@example.ch" })));
        Assert.ThrowsAny<Exception>(() => Write(w => w.Delete<Person>(Ids.New())));
    }

    [Fact]
    public void Write_ThatThrows_LeavesNothing()
    {
        var anna = Person("anna@example.ch");
        Assert.Throws<InvalidOperationException>(() => Write(w =>
        {
            w.Insert(new Person { Email = "bert@example.ch" });
            anna.GivenName = "Changed";
            w.Update(anna);
            throw new InvalidOperationException("refused");
        }));

        Assert.Null(Read(r => r.PersonByEmail("bert@example.ch")));
        Assert.Equal("Anna", Read(r => r.Get<Person>(anna.Id))!.GivenName);
    }

    [Fact]
    public void Write_SeesItsOwnChanges_BeforeCommit() =>
        Write(w =>
        {
            var person = new Person { Email = "anna@example.ch" };
            w.Insert(person);
            Assert.Equal(person.Id, w.PersonByEmail("anna@example.ch")?.Id);
        });

    [Fact]
    public void EverythingCommitted_IsThereAfterReopening()
    {
        var organization = Organization("Bäckerei Müller", "100.200");
        var person = Person("anna@example.ch");
        var membership = Member(organization, person, administrator: true);

        Reopen();

        Assert.Equal(person.Id, Read(r => r.PersonByEmail("anna@example.ch"))?.Id);
        Assert.Equal(membership.Id, Read(r => r.MembershipOf(person.Id, organization.Id))?.Id);
        Assert.Equal(1, Read(r => r.ActiveAdministratorCount(organization.Id)));
        Assert.Equal([organization.Id], Read(r => r.OrganizationPage(OrganizationQuery.Parse("muller"), null, null, 10)).Items.Select(o => o.Id));
    }

    [Fact]
    public void Scan_GivesEveryEntityOfAType_InIdOrder_APageAtATime()
    {
        var persons = Enumerable.Range(0, 5).Select(i => Person($"p{i}@example.ch")).ToList();
        var first = Read(r => r.Scan<Person>(null, 3));
        var rest = Read(r => r.Scan<Person>(first[^1].Id, 3));
        Assert.Equal(persons.Select(p => p.Id), first.Concat(rest).Select(p => p.Id));
        Assert.Empty(Read(r => r.Scan<Person>(persons[^1].Id, 3)));
    }

    // Uniqueness: what the store refuses whoever writes.

    public static TheoryData<string> UniqueLookups => ["person email", "invitation code", "registration token", "session token", "sign-in token",
        "application client id", "application token", "affiliate number", "membership of a person in an organisation"];

    [Theory]
    [MemberData(nameof(UniqueLookups))]
    public void ASecondEntityWithAUniqueValue_IsRefused_AndItsWriteRolledBack(string lookup)
    {
        Func<Entity> make = lookup switch
        {
            "person email" => () => new Person { Email = "same@example.ch" },
            "invitation code" => () => new Invitation { CodeHash = "same" },
            "registration token" => () => new Domain.Registration { TokenHash = "same" },
            "session token" => () => new Session { TokenHash = "same" },
            "sign-in token" => () => new Domain.SignIn { TokenHash = "same" },
            "application client id" => () => new Application { ClientId = "same" },
            "application token" => () => new ApplicationToken { TokenHash = "same" },
            "membership of a person in an organisation" => () => new Membership { PersonId = "same-person", OrganizationId = "same-organization" },
            _ => () => new Organization { AffiliateNumber = "SAME" },
        };
        Write(w => Insert(w, make()));
        var bystander = new Topic { Id = "bystander" };

        Assert.ThrowsAny<Exception>(() => Write(w =>
        {
            w.Insert(bystander);
            Insert(w, make());
        }));
        Assert.Null(Read(r => r.Get<Topic>("bystander")));
    }

    private static void Insert(IStoreWriter writer, Entity entity)
    {
        switch (entity)
        {
            case Person e: writer.Insert(e); break;
            case Invitation e: writer.Insert(e); break;
            case Domain.Registration e: writer.Insert(e); break;
            case Session e: writer.Insert(e); break;
            case Domain.SignIn e: writer.Insert(e); break;
            case Application e: writer.Insert(e); break;
            case ApplicationToken e: writer.Insert(e); break;
            case Organization e: writer.Insert(e); break;
            case Membership e: writer.Insert(e); break;
            default: throw new ArgumentException(entity.GetType().Name);
        }
    }

    // Lookups by one value.

    [Fact]
    public void Persons_AreFoundByAddress_ActivationCode_AndPhoneNumber()
    {
        var anna = Person("anna@example.ch", phone: "+41791111111");
        var bert = Person("bert@example.ch", phone: "+41791111111");
        anna.ActivationCodeHash = "activation";
        Write(w => w.Update(anna));

        Assert.Equal(anna.Id, Read(r => r.PersonByEmail("anna@example.ch"))?.Id);
        Assert.Equal(anna.Id, Read(r => r.PersonByActivationCodeHash("activation"))?.Id);
        Assert.Null(Read(r => r.PersonByActivationCodeHash("other")));
        Assert.Equal([anna.Id, bert.Id], Read(r => r.PersonsByPhoneNumber("+41791111111", 10)).Select(p => p.Id).Order());
        Assert.Single(Read(r => r.PersonsByPhoneNumber("+41791111111", 1)));
    }

    [Fact]
    public void Memberships_AreFoundByPerson_AndByPersonAndOrganization()
    {
        var alpha = Organization("Alpha", "1.1");
        var beta = Organization("Beta", "1.2");
        var anna = Person("anna@example.ch");
        var inAlpha = Member(alpha, anna);
        var inBeta = Member(beta, anna, MembershipState.Deactivated);
        Member(beta, Person("bert@example.ch"));

        Assert.Equal([inAlpha.Id, inBeta.Id], Read(r => r.MembershipsOfPerson(anna.Id)).Select(m => m.Id).Order());
        Assert.Equal(inBeta.Id, Read(r => r.MembershipOf(anna.Id, beta.Id))?.Id);
        Assert.Null(Read(r => r.MembershipOf(anna.Id, Ids.New())));
    }

    [Fact]
    public void ActiveAdministrators_AreCounted_AsStateAndRoleChange()
    {
        var organization = Organization("Alpha", "1.1");
        var admin = Member(organization, Person("a@example.ch"), administrator: true);
        Member(organization, Person("b@example.ch"), administrator: true);
        Member(organization, Person("c@example.ch"), MembershipState.PendingActivation, administrator: true);
        Member(organization, Person("d@example.ch"));
        Assert.Equal(2, Read(r => r.ActiveAdministratorCount(organization.Id)));

        admin.Deactivate();
        Write(w => w.Update(admin));
        Assert.Equal(1, Read(r => r.ActiveAdministratorCount(organization.Id)));
        Assert.Equal(0, Read(r => r.ActiveAdministratorCount(Ids.New())));
    }

    [Fact]
    public void Organizations_AreFoundByAffiliateNumber()
    {
        var organization = Organization("Alpha", "100.200");
        Assert.Equal(organization.Id, Read(r => r.OrganizationByAffiliateNumber("100.200"))?.Id);
        Assert.Null(Read(r => r.OrganizationByAffiliateNumber("100.20")));
    }

    [Fact]
    public void Invitations_AreFoundByCode_AndListedNewestFirst()
    {
        var alpha = Organization("Alpha", "1.1");
        var invitations = Enumerable.Range(0, 5).Select(i => Insert(new Invitation { OrganizationId = alpha.Id, CodeHash = $"code{i}" })).ToList();
        Insert(new Invitation { OrganizationId = Ids.New(), CodeHash = "elsewhere" });

        Assert.Equal(invitations[2].Id, Read(r => r.InvitationByCodeHash("code2"))?.Id);
        Assert.Null(Read(r => r.InvitationByCodeHash("code9")));
        var page = Read(r => r.InvitationsOfOrganization(alpha.Id, null, 3));
        Assert.Equal(invitations.AsEnumerable().Reverse().Take(3).Select(i => i.Id), page.Select(i => i.Id));
        Assert.Equal([invitations[1].Id, invitations[0].Id], Read(r => r.InvitationsOfOrganization(alpha.Id, page[^1].Id, 3)).Select(i => i.Id));
    }

    [Fact]
    public void RegistrationsSignInsAndSessions_AreFoundByTheirTokenHashes()
    {
        var registration = Insert(new Domain.Registration { TokenHash = "registration", LinkTokenHash = "link" });
        var signIn = Insert(new Domain.SignIn { TokenHash = "sign-in" });
        var session = Insert(new Session { TokenHash = "session" });

        Assert.Equal(registration.Id, Read(r => r.RegistrationByTokenHash("registration"))?.Id);
        Assert.Equal(registration.Id, Read(r => r.RegistrationByLinkTokenHash("link"))?.Id);
        Assert.Null(Read(r => r.RegistrationByLinkTokenHash("registration")));
        Assert.Equal(signIn.Id, Read(r => r.SignInByTokenHash("sign-in"))?.Id);
        Assert.Equal(session.Id, Read(r => r.SessionWithMembership("session")).Session?.Id);
        Assert.Equal((null, null), Read(r => r.SessionWithMembership("sign-in")));
    }

    [Fact]
    public void ASession_ComesWithItsPersonsMembershipInItsOrganization()
    {
        var alpha = Organization("Alpha", "9.1");
        var beta = Organization("Beta", "9.2");
        var anna = Person("anna@example.ch");
        Member(beta, anna);
        var member = Member(alpha, anna, administrator: true);
        Insert(new Session { TokenHash = "member", PersonId = anna.Id, OrganizationId = alpha.Id });
        Insert(new Session { TokenHash = "no-membership", PersonId = anna.Id, OrganizationId = Ids.New() });

        var (session, membership) = Read(r => r.SessionWithMembership("member"));
        Assert.Equal(alpha.Id, session?.OrganizationId);
        Assert.Equal((member.Id, true), (membership?.Id, membership?.Administrator));
        var (alone, none) = Read(r => r.SessionWithMembership("no-membership"));
        Assert.NotNull(alone);
        Assert.Null(none);
    }

    [Fact]
    public void Sessions_OfAPersonAndOfAnOrganization_LeaveOutTheExpired()
    {
        var person = Ids.New();
        var organization = Ids.New();
        Session Session(DateTime expires, DateTime? revoked = null, string? of = null) =>
            Insert(new Session { TokenHash = Ids.New(), PersonId = person, OrganizationId = of ?? organization, ExpiresAt = expires, RevokedAt = revoked });
        var live = Session(Now.AddHours(1));
        var ended = Session(Now.AddHours(1), revoked: Now);
        Session(Now.AddHours(-1));
        var elsewhere = Session(Now.AddHours(1), of: Ids.New());

        Assert.Equal([live.Id, ended.Id, elsewhere.Id], Read(r => r.UnexpiredSessionsOfPerson(person, Now)).Select(s => s.Id).Order());
        Assert.Equal([live.Id], Read(r => r.OpenSessionsOfOrganization(organization, Now, 10)).Select(s => s.Id));
    }

    [Fact]
    public void Challenges_AreFoundByDestinationAndBySubject_SinceATime()
    {
        var old = Insert(new Challenge { SubjectId = "subject", Destination = "+41790000000", CreatedAt = Now.AddHours(-2) });
        var recent = Insert(new Challenge { SubjectId = "subject", Destination = "+41790000000", CreatedAt = Now });
        Insert(new Challenge { SubjectId = "other", Destination = "+41791111111", CreatedAt = Now });

        Assert.Equal([recent.Id], Read(r => r.ChallengesToDestination("+41790000000", Now.AddHours(-1))).Select(c => c.Id));
        Assert.Equal([old.Id, recent.Id], Read(r => r.ChallengesOfSubject("subject", Now.AddHours(-3))).Select(c => c.Id).Order());
        Assert.Empty(Read(r => r.ChallengesOfSubject("subject", Now)));
    }

    [Fact]
    public void Applications_AreFoundByClientIdAndOwner_AndTheirTokensByHash()
    {
        var owner = Ids.New();
        var active = Insert(new Application { ClientId = "one", Owner = owner });
        var revoked = Insert(new Application { ClientId = "two", Owner = owner, RevokedAt = Now });
        Insert(new Application { ClientId = "three", Owner = "internal" });
        var expired = Insert(new ApplicationToken { TokenHash = "old", ApplicationId = active.Id, ExpiresAt = Now.AddMinutes(-1) });
        var current = Insert(new ApplicationToken { TokenHash = "new", ApplicationId = active.Id, ExpiresAt = Now.AddMinutes(1) });

        Assert.Equal(active.Id, Read(r => r.ApplicationByClientId("one"))?.Id);
        Assert.Equal([active.Id, revoked.Id], Read(r => r.ApplicationsOwnedBy(owner)).Select(a => a.Id).Order());
        Assert.Equal(1, Read(r => r.ActiveApplicationCount(owner)));
        Assert.Equal(current.Id, Read(r => r.ApplicationTokenByHash("new"))?.Id);
        Assert.Equal([expired.Id], Read(r => r.ExpiredApplicationTokens(active.Id, Now, 10)).Select(t => t.Id));
    }

    [Fact]
    public void Outbox_GivesTheDueMessages_AndCountsTheWaitingPerChannel()
    {
        var due = Insert(new OutboxMessage { Channel = MessageChannel.Email, DueAt = Now.AddMinutes(-1) });
        Insert(new OutboxMessage { Channel = MessageChannel.Sms, DueAt = Now.AddMinutes(5) });
        Insert(new OutboxMessage { Channel = MessageChannel.Sms, DueAt = null, SentAt = Now });

        Assert.Equal([due.Id], Read(r => r.DueOutboxMessages(Now, 10)).Select(m => m.Id));
        Assert.Equal((1, 1), Read(r => (r.WaitingOutboxCount(MessageChannel.Email), r.WaitingOutboxCount(MessageChannel.Sms))));

        due.DueAt = null;
        Write(w => w.Update(due));
        Assert.Empty(Read(r => r.DueOutboxMessages(Now, 10)));
        Assert.Equal(0, Read(r => r.WaitingOutboxCount(MessageChannel.Email)));
    }

    [Fact]
    public void Outbox_ALeasedMessage_IsNotDueUntilItsLeaseEnds_ButStillWaits()
    {
        var leased = Insert(new OutboxMessage { Channel = MessageChannel.Sms, DueAt = Now.AddMinutes(2), LeasedBy = "dispatcher-a" });

        Assert.Empty(Read(r => r.DueOutboxMessages(Now, 10)));
        Assert.Equal(1, Read(r => r.WaitingOutboxCount(MessageChannel.Sms)));
        var due = Assert.Single(Read(r => r.DueOutboxMessages(Now.AddMinutes(2), 10)));
        Assert.Equal((leased.Id, "dispatcher-a"), (due.Id, due.LeasedBy));
    }
}
