using BenchmarkDotNet.Attributes;
using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;
using Organization = Connect.Grpc.Domain.Organization;

namespace Connect.Benchmarks;

/// <summary>
/// <c>MemberService/CreateMember</c> for an address another organisation's person already has (with a password, a
/// verified number and a membership elsewhere), against an address nobody has. The two must take the same time, or the
/// time would tell the administrator what the answer hides (DESIGN: every door that takes an e-mail address answers
/// the same, in the same time). The ratio column is known ÷ unknown.
/// </summary>
/// <remarks>
/// Each call adds a new address (or a new known person) with a new typed number, as the send limits require, in the
/// fund's organisation with the operator's session. Both cases run over the same seeded store.
/// </remarks>
[InvocationCount(256)]
[WarmupCount(3)]
public class MemberCreationBenchmarks
{
    /// <summary>More than the warm-up and measured invocations of one case (8 × 256) together.</summary>
    private const int KnownPersons = 3_000;

    private BenchmarkServer _server = null!;
    private MemberService.MemberServiceClient _members = null!;
    private Metadata _bearer = null!;
    private int _next;

    [GlobalSetup]
    public async Task SetUp()
    {
        _server = await BenchmarkServer.StartAsync();
        _members = new MemberService.MemberServiceClient(_server.Channel);
        _bearer = _server.Bearer;
        Seed(_server.Store);
    }

    [GlobalCleanup]
    public async Task TearDown() => await _server.DisposeAsync();

    [Benchmark(Baseline = true)]
    public Task<CreateMemberResponse> CreateMember_Unknown() => CreateAsync(i => $"new.{i}@nobody.test");

    [Benchmark]
    public Task<CreateMemberResponse> CreateMember_KnownElsewhere() => CreateAsync(i => $"known.{i}@elsewhere.test");

    private async Task<CreateMemberResponse> CreateAsync(Func<int, string> email)
    {
        var i = _next++;
        var request = new CreateMemberRequest { Email = email(i), GivenName = "Typed", FamilyName = "Name", PhoneNumber = $"+4178{i:D7}" };
        return await _members.CreateMemberAsync(request, _bearer);
    }

    /// <summary>
    /// Persons with an account and a membership at another organisation. Their list and search keys stay empty (the
    /// calls measured read persons by address and memberships by person only).
    /// </summary>
    private static void Seed(IStore store)
    {
        var now = DateTime.UtcNow;
        var elsewhere = new Organization { DisplayName = "Beta AG", AffiliateNumber = "999.001", Language = "de", CreatedAt = now, UpdatedAt = now };
        store.Write(w => { w.Insert(elsewhere); return 0; });
        foreach (var batch in Enumerable.Range(0, KnownPersons).Chunk(500))
        {
            store.Write(w =>
            {
                foreach (var i in batch)
                {
                    var person = new Person
                    {
                        Email = $"known.{i}@elsewhere.test", GivenName = "Kurt", FamilyName = $"Known{i}", PasswordHash = "$argon2id$v=19$m=19456,t=2,p=1$seeded",
                        PhoneNumber = $"+4179{i:D7}", Language = "de", CreatedAt = now, UpdatedAt = now, PasswordChangedAt = now, CredentialVersion = 1,
                    };
                    w.Insert(person);
                    var membership = new Membership(MembershipState.Active)
                    {
                        PersonId = person.Id, OrganizationId = elsewhere.Id, CreatedAt = now, UpdatedAt = now, Version = 1,
                    };
                    w.Insert(membership);
                }
                return 0;
            });
        }
    }
}
