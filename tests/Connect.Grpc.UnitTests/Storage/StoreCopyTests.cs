using System.Reflection;
using System.Text.Json;
using Connect.Grpc.Domain;
using Connect.Grpc.Storage;
using Connect.Grpc.Storage.PostgreSql;

namespace Connect.Grpc.UnitTests.Storage;

/// <summary>A LiteDB file copied into an empty PostgreSQL database: everything arrives, unchanged, and answers as before.</summary>
public sealed class StoreCopyTests(CopiedFund fund) : IClassFixture<CopiedFund>
{
    private T Target<T>(Func<IStoreReader, T> read) => fund.Target.Read(read);

    private IReadOnlyDictionary<string, long> TargetCounts() =>
        PostgresTables.All.Select(t => t.Name).Append(PostgresTables.NameWords)
            .ToDictionary(t => t, t => PostgresRowCounts.Count(fund.TargetConnectionString, t));

    [Fact]
    public void Steps_CopyEveryTable_Once_OrganisationsFirst_PersonsBeforeMemberships()
    {
        var types = StoreCopy.Steps.Select(s => s.Type).ToList();
        Assert.Equal(PostgresTables.All.Select(t => t.EntityType).Order(TypeOrder.Instance), types.Order(TypeOrder.Instance));
        Assert.Equal(typeof(Organization), types[0]);
        Assert.True(types.IndexOf(typeof(Person)) < types.IndexOf(typeof(Membership)));
    }

    [Fact]
    public void Copy_ReportsEveryTable_WithTheSourcesCounts_AndTheTargetHoldsAsMany()
    {
        var counts = TargetCounts();
        Assert.Equal(counts.Keys.Order(), fund.Report.Select(r => r.Name).Order());
        foreach (var copied in fund.Report) Assert.Equal(copied.Count, counts[copied.Name]);
        var reported = fund.Report.ToDictionary(r => r.Name, r => r.Count);
        Assert.Equal(CopiedFund.Members + 3, reported["persons"]);
        Assert.Equal(CopiedFund.Members + 4, reported["memberships"]);
        Assert.Equal(CopiedFund.Events, reported["audit"]);
        // The fund's setting and the key layout's version, written by both stores when they opened.
        Assert.Equal(2, reported["settings"]);
        Assert.All(fund.Report.Where(r => r.Name != "sign_in_locks"), r => Assert.True(r.Count > 0, r.Name));
    }

    public static TheoryData<string> EntityTypes => [.. StoreCopy.Steps.Select(s => s.Type.Name)];

    [Theory]
    [MemberData(nameof(EntityTypes))]
    public void Copy_KeepsEveryEntity_AsStored(string typeName)
    {
        var type = StoreCopy.Steps.Single(s => s.Type.Name == typeName).Type;
        var compare = typeof(StoreCopyTests).GetMethod(nameof(AssertSameEntities), BindingFlags.NonPublic | BindingFlags.Instance)!.MakeGenericMethod(type);
        compare.Invoke(this, []);
    }

    /// <summary>Every entity of a type, in id order on both sides, serialised alike (ids, hashes and sealed secrets included).</summary>
    private void AssertSameEntities<T>() where T : Entity
    {
        var source = new List<T>();
        var target = new List<T>();
        using (var liteDb = new LiteDbStore(fund.DatabaseFile, flushToDisk: false)) ReadAll(liteDb, source);
        ReadAll(fund.Target, target);
        Assert.Equal(source.Count, target.Count);
        for (var i = 0; i < source.Count; i++)
        {
            // JSONB keeps an object's members in its own order: compared as values, not as text.
            using var expected = JsonDocument.Parse(EntityJson.Serialize(source[i]));
            using var actual = JsonDocument.Parse(EntityJson.Serialize(target[i]));
            Assert.True(JsonElement.DeepEquals(expected.RootElement, actual.RootElement), $"{typeof(T).Name} {source[i].Id} differs after the copy.");
        }
    }

    private static void ReadAll<T>(IStore store, List<T> into) where T : Entity
    {
        for (var batch = store.Read(r => r.Scan<T>(null, 1000)); batch.Count > 0; batch = store.Read(r => r.Scan<T>(batch[^1].Id, 1000))) into.AddRange(batch);
    }

    [Fact]
    public void Target_AnswersTheLookupsAndLists()
    {
        Assert.Equal(fund.Anna.Id, Target(r => r.PersonByEmail("anna@example.ch"))?.Id);
        Assert.True(Target(r => r.MembershipOf(fund.Hans.Id, fund.Alpha.Id))!.State == MembershipState.Deactivated);
        Assert.Equal(1, Target(r => r.ActiveAdministratorCount(fund.Alpha.Id)));
        Assert.Equal(fund.Alpha.Id, Target(r => r.InvitationByCodeHash("invitation-hash"))?.OrganizationId);
        Assert.Equal(fund.Anna.Id, Target(r => r.SessionWithMembership("session-hash")).Session?.PersonId);

        // The search reads the name words and list keys the target derived on insert.
        var every = new HashSet<MembershipState>(Enum.GetValues<MembershipState>());
        var zurcher = Target(r => r.MemberPage(fund.Alpha.Id, new MemberQuery(every, ["zurch"]), null, 10));
        Assert.Equal([fund.Zoe.Id], zurcher.Items.Select(id => Target(r => r.Get<Membership>(id))!.PersonId));
        Assert.Equal([fund.Zoe.Id], Target(r => r.PersonsByNameWords(["zoe"], 10)).Persons.Select(p => p.Id));
        var firstPage = Target(r => r.MemberPage(fund.Alpha.Id, new MemberQuery(every, []), null, 3));
        Assert.Equal(["Aebi", "Family0", "Family1"], firstPage.Items.Select(id => Target(r => r.Get<Person>(r.Get<Membership>(id)!.PersonId))!.FamilyName));

        var organizations = Target(r => r.OrganizationPage(OrganizationQuery.Parse("muller"), null, null, 10));
        Assert.Equal([fund.Alpha.Id], organizations.Items.Select(o => o.Id));
        Assert.Equal([fund.Beta.Id], Target(r => r.OrganizationPage(OrganizationQuery.Parse(""), true, null, 10)).Items.Select(o => o.Id));

        var auditPage = Target(r => r.AuditPage(fund.Beta.Id, null, null, 5));
        Assert.Equal(5, auditPage.Items.Count);
        Assert.Equal(CopiedFund.Now.AddSeconds(1098), auditPage.Items[0].Time);
        var stretch = Target(r => r.AuditEvents(AuditFilter.Create(fund.Alpha.Id, null, "membership.created", null, null), null, int.MaxValue, 10_000, load: false));
        Assert.Equal(Enumerable.Range(0, CopiedFund.Events).Count(i => i % 2 == 0 && i % 3 != 0), stretch.Matched);
    }

    [Fact]
    public void ASecondCopy_IntoTheNowFilledDatabase_IsRefused_AndChangesNothing()
    {
        var before = TargetCounts();
        using var source = new LiteDbStore(fund.DatabaseFile, flushToDisk: false);

        var refusal = Assert.Throws<StoreCopyException>(() => StoreCopy.Run(source, fund.TargetConnectionString));

        Assert.StartsWith("the target database is not empty (its table organizations holds rows)", refusal.Message);
        Assert.Equal(before, TargetCounts());
    }

    private sealed class TypeOrder : IComparer<Type>
    {
        public static readonly TypeOrder Instance = new();
        public int Compare(Type? x, Type? y) => string.CompareOrdinal(x?.FullName, y?.FullName);
    }
}
