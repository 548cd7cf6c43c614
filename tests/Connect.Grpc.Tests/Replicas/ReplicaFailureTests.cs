using System.Collections.Concurrent;
using Connect.Client;
using Connect.V1;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using StatusCode = Grpc.Core.StatusCode;

namespace Connect.Grpc.Tests.Replicas;

/// <summary>
/// One of two replicas is killed with SIGKILL while a client that knows both writes through them: nothing it was told
/// is written is lost, the calls that were on their way to the dead one fail with UNAVAILABLE (a change is never sent
/// twice), and the client carries on through the other, reads included.
/// </summary>
public sealed class ReplicaFailureTests(ReplicaPair replicas, ITestOutputHelper output) : IClassFixture<ReplicaPair>
{
    private sealed class OperatorSession(string token) : ISessionTokenProvider
    {
        public string? GetSessionToken() => token;
    }

    [Fact]
    public async Task KillingAReplica_UnderConcurrentWrites_LosesNoAcknowledgedWrite()
    {
        var token = await replicas.FundOperator.Token(replicas.Channels[0]);
        await using var client = new ServiceCollection()
            .AddSingleton<ISessionTokenProvider>(new OperatorSession(token))
            .AddConnectClient(o =>
            {
                foreach (var address in replicas.Addresses) o.Addresses.Add(new Uri(address));
                o.Deadline = TimeSpan.FromSeconds(10);
            })
            .BuildServiceProvider();
        var organizations = client.GetRequiredService<ConnectOrganizationClient>();

        var acknowledged = new ConcurrentBag<string>();
        var unavailable = 0;
        var otherFailures = new ConcurrentBag<string>();
        var killed = false;
        var afterKill = 0;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 6).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    var created = await organizations.CreateOrganizationAsync($"Kill {writer} {i}", $"KILL.{writer}.{i}.{Guid.NewGuid():N}"[..24],
                        ["contributions"], Language.De);
                    acknowledged.Add(created.Id);
                    if (Volatile.Read(ref killed)) Interlocked.Increment(ref afterKill);
                }
                catch (ConnectClientException e) when (e.StatusCode == StatusCode.Unavailable)
                {
                    Interlocked.Increment(ref unavailable);
                }
                catch (ConnectClientException e)
                {
                    otherFailures.Add($"{e.StatusCode} {e.Reason}");
                }
            }
        })).ToList();

        await Until(() => acknowledged.Count >= 150);
        await replicas.Kill(1);
        Volatile.Write(ref killed, true);
        await Until(() => Volatile.Read(ref afterKill) >= 100);
        stop.Cancel();
        await Task.WhenAll(writers);

        output.WriteLine($"acknowledged {acknowledged.Count} ({afterKill} after the kill), unavailable {unavailable}, other failures {otherFailures.Count}");
        Assert.Empty(otherFailures);
        var lost = acknowledged.Where(id => replicas.Store().Read(r => r.Get<Grpc.Domain.Organization>(id)) is null).ToList();
        Assert.Empty(lost);
        // Reads go on through the surviving replica, however often the client first picks the dead one.
        var session = client.GetRequiredService<ConnectSessionClient>();
        for (var i = 0; i < 20; i++) Assert.Equal(FundOperator.Email, (await session.WhoAmIAsync()).Email);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The writers did not get that far.");
            await Task.Delay(10);
        }
    }
}
