using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Support;

/// <summary>Support finds a person by what a caller can tell: the address or its start, a name in any case and accents, the mobile number.</summary>
public sealed class PersonSearchTests : IDisposable
{
    private readonly ConnectServerFactory _server = new();
    private readonly SupportDriver _driver;

    public PersonSearchTests() => _driver = new SupportDriver(_server, _server.CreateChannel());

    public void Dispose() => _server.Dispose();

    /// <summary>An organisation with its administrator (Anna Muster) and three members; Berta's number is verified.</summary>
    private async Task<RegisteredAdmin> People()
    {
        var admin = await _driver.Members.Admin("search-admin@muster.test", "+41795640101", "601.001");
        await _driver.Members.Create(admin, MemberDriver.Request("j.mueller@muster.test", "+41795640102", "Jürg", "Müller-Brändli"));
        await _driver.Members.Verified(admin, MemberDriver.Request("berta.beispiel@muster.test", "+41795640103", "Berta", "Beispiel"));
        await _driver.Members.Create(admin, MemberDriver.Request("bb@other.test", "+41795640104", "Bernd", "Beispiel"));
        return admin;
    }

    [Fact]
    public async Task SearchPersons_ByTheStartOfAnAddress_FindsIt_InAnyCase()
    {
        await People();

        Assert.Equal(["berta.beispiel@muster.test"], (await _driver.Search("berta.b")).Select(p => p.Email));
        Assert.Equal(["berta.beispiel@muster.test"], (await _driver.Search("BERTA.BEISPIEL@MUSTER.TEST")).Select(p => p.Email));
        Assert.Equal(["j.mueller@muster.test"], (await _driver.Search("j.mue")).Select(p => p.Email));
        var summary = Assert.Single(await _driver.Search("berta.beispiel@"));
        Assert.Equal(("Berta", "Beispiel"), (summary.GivenName, summary.FamilyName));
        Assert.Equal("+41795640103", summary.PhoneNumber);
        Assert.Equal(1, summary.MembershipCount);
        Assert.Empty(await _driver.Search("nobody@muster.test"));
    }

    [Fact]
    public async Task SearchPersons_ByNameWords_IgnoresCaseAndAccents_AndOrdersByFamilyThenGivenName()
    {
        await People();

        foreach (var query in new[] { "müller", "MULLER", "jurg", "Jürg Mül", "brandli", "mul brä" })
            Assert.Equal(["j.mueller@muster.test"], (await _driver.Search(query)).Select(p => p.Email));
        // Every word must start a word of the names: "uller" starts none.
        Assert.Empty(await _driver.Search("uller"));
        Assert.Empty(await _driver.Search("jurg beispiel"));
        Assert.Equal(["bb@other.test", "berta.beispiel@muster.test"], (await _driver.Search("beispiel")).Select(p => p.Email));
        Assert.Equal(["bb@other.test", "berta.beispiel@muster.test"], (await _driver.Search("BEI ber")).Select(p => p.Email));
        Assert.Equal(["berta.beispiel@muster.test"], (await _driver.Search("berta bei")).Select(p => p.Email));
        // The operator registered as Anna Muster too: one name, ordered by the address then.
        Assert.Equal(["operator@fund.test", "search-admin@muster.test"], (await _driver.Search("Anna Muster")).Select(p => p.Email));
    }

    [Fact]
    public async Task SearchPersons_ByAMobileNumber_InNationalOrInternationalFormat_MatchesExactly()
    {
        await People();

        foreach (var query in new[] { "079 564 01 03", "0795640103", "+41 79 564 01 03", "+41795640103" })
            Assert.Equal(["berta.beispiel@muster.test"], (await _driver.Search(query)).Select(p => p.Email));
        // Jürg's number waits for its code: it is not his yet.
        Assert.Empty(await _driver.Search("079 564 01 02"));
        Assert.Empty(await _driver.Search("079 564 01 99"));
    }

    [Fact]
    public async Task SearchPersons_FindsNamesAsChangedByThePersonOrTheirAdministrator()
    {
        var admin = await People();
        var member = await _driver.Members.ActiveAndSignedIn(admin, MemberDriver.Request("renamed@muster.test", "+41795640105", "Carla", "Clavadetscher"));
        Assert.Single(await _driver.Search("clava"));

        await _driver.People.Account.UpdateProfileAsync(new() { GivenName = "Carla", FamilyName = "Däscher", Language = Language.Fr },
            MemberDriver.As(member));
        Assert.Empty(await _driver.Search("clava"));
        Assert.Equal(["renamed@muster.test"], (await _driver.Search("dascher")).Select(p => p.Email));

        var created = (await _driver.Members.Create(admin, MemberDriver.Request("pending@muster.test", "+41795640106", "Paula", "Probst"))).Response.Member;
        var changed = created.Clone();
        changed.FamilyName = "Örtli";
        await _driver.Members.Members.UpdateMemberAsync(new() { Member = changed }, MemberDriver.As(admin));
        Assert.Empty(await _driver.Search("probst"));
        Assert.Equal(["pending@muster.test"], (await _driver.Search("paula ort")).Select(p => p.Email));
    }

    [Fact]
    public async Task SearchPersons_WithMoreThan50Matches_Answers50_AndSaysTruncated()
    {
        await People();
        _server.Store().Write(w =>
        {
            for (var i = 0; i < 51; i++)
            {
                w.Insert(new Domain.Person
                {
                    Email = $"hans.{i:D2}@many.test", GivenName = $"Hans {i:D2}", FamilyName = "Oberholzer", NameWords = ["hans", $"{i:D2}", "oberholzer"],
                    CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                });
            }
            return 0;
        });

        var many = await _driver.Support.SearchPersonsAsync(new() { Query = "oberholzer" }, await _driver.Operator());
        Assert.True(many.Truncated);
        Assert.Equal(50, many.Persons.Count);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"hans.{i:D2}@many.test"), many.Persons.Select(p => p.Email));

        var one = await _driver.Support.SearchPersonsAsync(new() { Query = "oberholzer 07" }, await _driver.Operator());
        Assert.False(one.Truncated);
        Assert.Equal(["hans.07@many.test"], one.Persons.Select(p => p.Email));
        var byAddress = await _driver.Support.SearchPersonsAsync(new() { Query = "hans." }, await _driver.Operator());
        Assert.True(byAddress.Truncated);
        Assert.Equal(50, byAddress.Persons.Count);
    }

    [Fact]
    public async Task SearchPersons_WithAQueryShorterThan2OrLongerThan254Characters_FailsWithFieldInvalid()
    {
        var operatorToken = await _driver.Operator();
        foreach (var query in new[] { "", "a", "  b  ", new string('x', 255), "ab\u0001" })
            await RpcAssert.Fails(StatusCode.InvalidArgument, "FIELD_INVALID", _driver.Support.SearchPersonsAsync(new() { Query = query }, operatorToken));
        Assert.NotNull(await _driver.Support.SearchPersonsAsync(new() { Query = new string('x', 254) }, operatorToken));
    }
}
