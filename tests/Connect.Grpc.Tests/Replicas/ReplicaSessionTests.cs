using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Replicas;

/// <summary>
/// A session is the deployment's, not a replica's: made on one, it works on the other; ended on one, it is refused there
/// on the very next call and on the other within a second, although each replica answers session checks from memory.
/// </summary>
[Collection(ReplicaPairCollection.Name)]
public sealed class ReplicaSessionTests(ReplicaPair replicas)
{
    [Fact]
    public async Task ASessionMadeOnOneReplica_WorksOnTheOther_AndADeactivationOnEitherEndsItOnBoth()
    {
        var members = new MemberDriver(replicas, replicas.Channels[0]);
        var administrator = await ReplicaCalls.OperatorAdmin(replicas, members);
        // Signed in through the first replica.
        var person = await members.ActiveAndSignedIn(administrator,
            MemberDriver.Request($"leaving-{Guid.NewGuid():N}@replica.test", ReplicaCalls.Phone()));
        var sessions = replicas.Channels.Select(c => new SessionService.SessionServiceClient(c)).ToList();

        var onSecond = await sessions[1].WhoAmIAsync(new(), MemberDriver.As(person));
        Assert.Equal(person.Email, onSecond.Email);
        // Both replicas now hold the session in memory.
        await sessions[0].WhoAmIAsync(new(), MemberDriver.As(person));

        var member = (await members.List(administrator)).Single(m => m.Email == person.Email);
        await new MemberService.MemberServiceClient(replicas.Channels[1])
            .DeactivateMemberAsync(new() { MemberId = member.Id }, MemberDriver.As(administrator));

        // The very next call on the replica that did the deactivation; within a second on the other (it hears the change).
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", sessions[1].WhoAmIAsync(new(), MemberDriver.As(person)));
        await WithinASecond(sessions[0], person);
    }

    [Fact]
    public async Task ASignOutOnOneReplica_EndsTheSessionTheOtherHoldsInMemory_WithinASecond()
    {
        var members = new MemberDriver(replicas, replicas.Channels[0]);
        var administrator = await ReplicaCalls.OperatorAdmin(replicas, members);
        var person = await members.ActiveAndSignedIn(administrator,
            MemberDriver.Request($"signing-out-{Guid.NewGuid():N}@replica.test", ReplicaCalls.Phone()));
        var sessions = replicas.Channels.Select(c => new SessionService.SessionServiceClient(c)).ToList();
        for (var i = 0; i < 2; i++) await sessions[0].WhoAmIAsync(new(), MemberDriver.As(person));

        await sessions[1].SignOutAsync(new(), MemberDriver.As(person));

        await WithinASecond(sessions[0], person);
    }

    [Fact]
    public async Task AMemberAddedThroughOneReplica_ShowsInTheOthersMemberPage_WithinASecond()
    {
        var members = new MemberDriver(replicas, replicas.Channels[0]);
        var administrator = await ReplicaCalls.OperatorAdmin(replicas, members);
        // The first replica holds the page in memory.
        for (var i = 0; i < 2; i++) await members.List(administrator);

        var newcomer = MemberDriver.Request($"newcomer-{Guid.NewGuid():N}@replica.test", ReplicaCalls.Phone());
        await new MemberDriver(replicas, replicas.Channels[1]).Create(administrator, newcomer);

        var asked = System.Diagnostics.Stopwatch.StartNew();
        while (!(await members.List(administrator)).Any(m => m.Email == newcomer.Email))
        {
            Assert.True(asked.Elapsed < TimeSpan.FromSeconds(1), "Not listed after a second.");
            await Task.Delay(10);
        }
    }

    /// <summary>Asks until the session is refused, and fails when that took a second or more.</summary>
    private static async Task WithinASecond(SessionService.SessionServiceClient replica, RegisteredAdmin person)
    {
        var asked = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await replica.WhoAmIAsync(new(), MemberDriver.As(person));
            }
            catch (RpcException refused) when (refused.StatusCode == StatusCode.Unauthenticated)
            {
                Assert.True(asked.Elapsed < TimeSpan.FromSeconds(1), $"Refused after {asked.Elapsed}.");
                return;
            }
            Assert.True(asked.Elapsed < TimeSpan.FromSeconds(1), "Still accepted after a second.");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task ATopicRetiredThroughOneReplica_LeavesTheOthersCatalogue_WithinSeconds()
    {
        var token = RpcAssert.Bearer(await replicas.FundOperator.Token(replicas.Channels[0]));
        var catalogues = replicas.Channels.Select(c => new OrganizationService.OrganizationServiceClient(c)).ToList();
        var id = "replica" + Guid.NewGuid().ToString("N")[..8];
        await catalogues[0].CreateTopicAsync(new() { TopicId = id, DisplayName = new() { Fr = "Essai", De = "Test", It = "Prova", En = "Trial" } }, token);
        // The second replica has read (and keeps) a catalogue with the topic.
        await Eventually(async () => (await catalogues[1].ListTopicsAsync(new(), token)).Topics.Any(t => t.Id == id));

        await catalogues[0].RetireTopicAsync(new() { Id = id }, token);

        await Eventually(async () => (await catalogues[1].ListTopicsAsync(new(), token)).Topics.All(t => t.Id != id));
    }

    /// <summary>Asks again until the answer holds, for at most 5 seconds (the catalogue's copies live one).</summary>
    private static async Task Eventually(Func<Task<bool>> holds)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!await holds())
        {
            Assert.True(DateTime.UtcNow < deadline, "Not within 5 seconds.");
            await Task.Delay(50);
        }
    }
}
