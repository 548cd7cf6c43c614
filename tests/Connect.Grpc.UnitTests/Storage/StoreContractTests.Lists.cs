using Connect.Grpc.Domain;

namespace Connect.Grpc.UnitTests.Storage;

/// <summary>The member and organisation lists and the person search: order, filters, folding, page boundaries.</summary>
public abstract partial class StoreContractTests
{
    private static readonly HashSet<MembershipState> Shown = [MembershipState.PendingPhone, MembershipState.PendingActivation, MembershipState.Active];
    private static readonly HashSet<MembershipState> Every = [.. Enum.GetValues<MembershipState>()];

    private List<string> Members(Organization organization, IReadOnlySet<MembershipState> states, string words = "", int limit = 100)
    {
        // As the member list reads its search box: folded, split at spaces.
        var query = new MemberQuery(states, SearchText.Fold(words).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var names = new List<string>();
        string? after = null;
        do
        {
            var page = Read(r => r.MemberPage(organization.Id, query, after, limit));
            Assert.True(page.Items.Count <= limit);
            Assert.True(page.NextAfterKey is null || page.Items.Count == limit, "Only a full page has a next one.");
            names.AddRange(page.Items.Select(id => Read(r => r.Get<Person>(r.Get<Membership>(id)!.PersonId))!.FamilyName));
            after = page.NextAfterKey;
        } while (after is not null);
        return names;
    }

    /// <summary>The person of a listed membership id.</summary>
    private string PersonOf(string membershipId) => Read(r => r.Get<Membership>(membershipId))!.PersonId;

    private Organization MemberList()
    {
        var organization = Organization("Alpha", "1.1");
        Member(organization, Person("z@example.ch", "Zoe", "Zürcher"), MembershipState.Deactivated);
        Member(organization, Person("m@example.ch", "Hans", "Müller"));
        Member(organization, Person("a@example.ch", "Anna", "Aebi"), MembershipState.PendingActivation);
        Member(organization, Person("b@example.ch", "Bruno", "Müller"), MembershipState.Deactivated);
        Member(organization, Person("c@example.ch", "Carla", "Cattaneo"), MembershipState.PendingPhone);
        Member(Organization("Beta", "1.2"), Person("x@example.ch", "Xaver", "Aaberg"));
        return organization;
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    public void MemberPage_ListsShownMembersBeforeTheDeactivated_EachByName_OnPagesOfAnySize(int limit)
    {
        var organization = MemberList();

        Assert.Equal(["Aebi", "Cattaneo", "Müller", "Müller", "Zürcher"], Members(organization, Every, limit: limit));
        Assert.Equal(["Aebi", "Cattaneo", "Müller"], Members(organization, Shown, limit: limit));
        Assert.Equal(["Müller", "Zürcher"], Members(organization, new HashSet<MembershipState> { MembershipState.Deactivated }, limit: limit));
        Assert.Equal(["Cattaneo"], Members(organization, new HashSet<MembershipState> { MembershipState.PendingPhone }, limit: limit));
    }

    [Fact]
    public void MemberPage_ReadAgain_ShowsEveryMembershipWriteSinceTheLastRead()
    {
        // LiteDB keeps the pages it read until a membership write; each read here follows one.
        var organization = MemberList();
        Assert.Equal(["Aebi", "Cattaneo", "Müller"], Members(organization, Shown));

        var newcomer = Member(organization, Person("d@example.ch", "Dora", "Bärtschi"));
        Assert.Equal(["Aebi", "Bärtschi", "Cattaneo", "Müller"], Members(organization, Shown));

        // A new family name rekeys the person's memberships.
        var person = Read(r => r.Get<Person>(newcomer.PersonId))!;
        person.FamilyName = "Zwahlen";
        Write(w => w.Update(person));
        Assert.Equal(["Aebi", "Cattaneo", "Müller", "Zwahlen"], Members(organization, Shown));

        var membership = Read(r => r.Get<Membership>(newcomer.Id))!;
        membership.Deactivate();
        Write(w => w.Update(membership));
        Assert.Equal(["Aebi", "Cattaneo", "Müller"], Members(organization, Shown));

        Write(w => w.Delete<Membership>(newcomer.Id));
        Assert.Equal(["Aebi", "Cattaneo", "Müller", "Müller", "Zürcher"], Members(organization, Every));
    }

    [Fact]
    public void MemberPage_OfAFullLastPage_HasNoNextPage()
    {
        var organization = MemberList();
        var page = Read(r => r.MemberPage(organization.Id, new MemberQuery(Shown, []), null, 3));
        Assert.Equal(3, page.Items.Count);
        Assert.Null(page.NextAfterKey);
    }

    [Fact]
    public void MemberPage_FindsEveryWord_InNamesOrAddress_WhateverTheCaseAndAccents()
    {
        var organization = MemberList();

        Assert.Equal(["Müller", "Müller"], Members(organization, Every, "MULLER"));
        Assert.Equal(["Müller"], Members(organization, Every, "müller hans"));
        Assert.Equal(["Müller"], Members(organization, Every, "b@example"));
        Assert.Equal(["Zürcher"], Members(organization, Every, "zurch"));
        Assert.Empty(Members(organization, Shown, "zurcher"));
        Assert.Empty(Members(organization, Every, "aaberg"));
    }

    [Fact]
    public void MemberPage_FollowsAPersonsNewName_AndShowsAWaitingMemberAsTyped()
    {
        var organization = Organization("Alpha", "1.1");
        var anna = Person("anna@example.ch", "Anna", "Aebi");
        Member(organization, Person("b@example.ch", "Bruno", "Bauer"));
        Member(organization, anna);
        var elsewhere = Person("known@example.ch", "Known", "Person");
        Member(organization, elsewhere, MembershipState.PendingPhone, invitee: new MemberInvitee { GivenName = "Typed", FamilyName = "Typed" });

        anna.FamilyName = "Zwahlen";
        Write(w => w.Update(anna));

        var names = Read(r => r.MemberPage(organization.Id, new MemberQuery(Every, []), null, 10)).Items.Select(PersonOf);
        Assert.Equal([Read(r => r.PersonByEmail("b@example.ch"))!.Id, elsewhere.Id, anna.Id], names);
        Assert.Equal([anna.Id], Read(r => r.MemberPage(organization.Id, new MemberQuery(Every, ["zwahlen"]), null, 10)).Items.Select(PersonOf));
        Assert.Empty(Read(r => r.MemberPage(organization.Id, new MemberQuery(Every, ["aebi"]), null, 10)).Items);
        // What the administrator typed, never the person's own names; the address is the person's.
        Assert.Single(Read(r => r.MemberPage(organization.Id, new MemberQuery(Every, ["typed", "known@example.ch"]), null, 10)).Items);
        Assert.Empty(Read(r => r.MemberPage(organization.Id, new MemberQuery(Every, ["person"]), null, 10)).Items);
    }

    [Fact]
    public void MemberPage_RefusesACursorOfAnotherList()
    {
        var alpha = MemberList();
        var beta = Organization("Gamma", "1.3");
        var next = Read(r => r.MemberPage(alpha.Id, new MemberQuery(Every, []), null, 1)).NextAfterKey!;

        Assert.StartsWith("page_token:", Refusal(() => Read(r => r.MemberPage(beta.Id, new MemberQuery(Every, []), next, 1))));
        Assert.StartsWith("page_token:", Refusal(() => Read(r => r.MemberPage(alpha.Id, new MemberQuery(Every, []), "garbage", 1))));
    }

    private List<string> Organizations(string query, bool? suspended = null, int limit = 100)
    {
        var parsed = OrganizationQuery.Parse(query);
        var names = new List<string>();
        string? after = null;
        do
        {
            var page = Read(r => r.OrganizationPage(parsed, suspended, after, limit));
            Assert.True(page.Items.Count <= limit);
            names.AddRange(page.Items.Select(o => o.DisplayName));
            after = page.NextAfterKey;
        } while (after is not null);
        return names;
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1)]
    [InlineData(2)]
    public void OrganizationPage_IsInNameOrder_AndMatchesWordStartsOrAffiliateNumbers(int limit)
    {
        Organization("Müller-Bau AG", "100.210");
        Organization("Bäckerei Müller", "100.200");
        Organization("Garage Rossi", "100.300", suspended: true);
        Organization("3M Schweiz", "300.100");

        Assert.Equal(["3M Schweiz", "Bäckerei Müller", "Garage Rossi", "Müller-Bau AG"], Organizations("", limit: limit));
        Assert.Equal(["Bäckerei Müller", "Müller-Bau AG"], Organizations("MULL", limit: limit));
        Assert.Equal(["Müller-Bau AG"], Organizations("bau müller", limit: limit));
        Assert.Empty(Organizations("uller", limit: limit));
        Assert.Equal(["Bäckerei Müller", "Müller-Bau AG"], Organizations("100.2", limit: limit));
        Assert.Equal(["Garage Rossi"], Organizations("", suspended: true, limit: limit));
        Assert.Equal(["Bäckerei Müller", "Müller-Bau AG"], Organizations("müller", suspended: false, limit: limit));
    }

    [Fact]
    public void OrganizationPage_FollowsARename_AndRefusesAForeignCursor()
    {
        var organization = Organization("Alpha", "1.1");
        Organization("Beta", "1.2");
        organization.DisplayName = "Zeta";
        Write(w => w.Update(organization));

        Assert.Equal(["Beta", "Zeta"], Organizations(""));
        Assert.Empty(Organizations("alpha"));
        Assert.StartsWith("page_token:", Refusal(() => Read(r => r.OrganizationPage(OrganizationQuery.Parse(""), null, "garbage", 1))));
    }

    [Fact]
    public void PersonsByEmailPrefix_AreInAddressOrder_TheFullAddressIncluded()
    {
        Person("jdoe@example.ch");
        Person("jdoe@example.ch.org");
        Person("jdo@example.ch");
        Person("anna@example.ch");

        Assert.Equal(["jdo@example.ch", "jdoe@example.ch", "jdoe@example.ch.org"], Read(r => r.PersonsByEmailPrefix("jdo", 10)).Select(p => p.Email));
        Assert.Equal(["jdoe@example.ch", "jdoe@example.ch.org"], Read(r => r.PersonsByEmailPrefix("jdoe@example.ch", 10)).Select(p => p.Email));
        Assert.Equal(2, Read(r => r.PersonsByEmailPrefix("jdo", 2)).Count);
        Assert.Empty(Read(r => r.PersonsByEmailPrefix("x", 10)));
    }

    [Fact]
    public void PersonsByNameWords_MatchWordStarts_InAnyCaseAndAccents()
    {
        Person("a@example.ch", "Jean-Marc", "Müller");
        Person("b@example.ch", "Lea", "Lüthi");
        Person("c@example.ch", "Marc", "Meier");

        Assert.Equal(["a@example.ch"], Read(r => r.PersonsByNameWords(SearchText.Words("MÜL jean"), 100)).Persons.Select(p => p.Email));
        Assert.Equal(["a@example.ch", "c@example.ch"], Read(r => r.PersonsByNameWords(SearchText.Words("marc"), 100)).Persons.Select(p => p.Email).Order());
        Assert.Equal(["b@example.ch"], Read(r => r.PersonsByNameWords(SearchText.Words("luthi"), 100)).Persons.Select(p => p.Email));
        Assert.Empty(Read(r => r.PersonsByNameWords(SearchText.Words("uller"), 100)).Persons);
        Assert.True(Read(r => r.PersonsByNameWords(SearchText.Words("marc"), 100)).Complete);
        Assert.False(Read(r => r.PersonsByNameWords(["marc"], 1)).Complete);
    }

    [Fact]
    public void PersonsByNameWords_FollowARename()
    {
        var person = Person("a@example.ch", "Anna", "Aebi");
        person.FamilyName = "Zwahlen";
        Write(w => w.Update(person));

        Assert.Single(Read(r => r.PersonsByNameWords(["zwah"], 100)).Persons);
        Assert.Empty(Read(r => r.PersonsByNameWords(["aebi"], 100)).Persons);
    }
}
