using Connect.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using StatusCode = Grpc.Core.StatusCode;

namespace Connect.Client.Tests;

/// <summary>
/// A client configured with two real Connect servers on loopback (each with its own data directory, each telling who it
/// is by the support phone number it answers with): the calls reach both, and when one dies, safe calls carry on through
/// the other while a change that was on its way to the dead one fails instead of being sent again.
/// </summary>
public sealed class ConnectClientReplicaTests : IAsyncLifetime
{
    private const string PhoneA = "+41 31 000 00 01";
    private const string PhoneB = "+41 31 000 00 02";

    private readonly ReplicaProbe _probeA = new();
    private readonly ReplicaProbe _probeB = new();
    private ConnectServerFactory _a = null!;
    private ConnectServerFactory _b = null!;
    private ServiceProvider _client = null!;

    public Task InitializeAsync()
    {
        // Started side by side: each start spends most of its time on its own store.
        var a = Task.Run(() => Start(PhoneA, _probeA));
        var b = Task.Run(() => Start(PhoneB, _probeB));
        _a = a.GetAwaiter().GetResult();
        _b = b.GetAwaiter().GetResult();
        _client = new ServiceCollection()
            .AddConnectClient(o =>
            {
                o.Addresses.Add(_a.GrpcAddress!);
                o.Addresses.Add(_b.GrpcAddress!);
                o.Deadline = TimeSpan.FromSeconds(5);
            })
            .BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        _a.Dispose();
        _b.Dispose();
    }

    [Fact]
    public async Task Calls_ReachEveryListedServer()
    {
        var support = _client.GetRequiredService<ConnectSupportClient>();

        var answeredBy = await CallsUntilBothAnswer(support);

        Assert.Contains(PhoneA, answeredBy);
        Assert.Contains(PhoneB, answeredBy);
        Assert.Equal(answeredBy.Count, _probeA.Count("GetSupportContact") + _probeB.Count("GetSupportContact"));
    }

    [Fact]
    public async Task WhenOneServerDies_SafeCallsGoOnThroughTheOther_AndAChangeOnItsWayIsNotSentAgain()
    {
        var support = _client.GetRequiredService<ConnectSupportClient>();
        var signIn = _client.GetRequiredService<ConnectSignInClient>();
        await CallsUntilBothAnswer(support);

        // One change and one read in flight on B; round robin sends every other call there.
        var change = await SendUntilHeldOnB("StartSignIn", () => signIn.StartSignInAsync("anna@example.ch", "not the password"));
        var read = await SendUntilHeldOnB("GetSupportContact", () => support.GetSupportContactAsync());
        var changesOnA = _probeA.Count("StartSignIn");
        var readsOnA = _probeA.Count("GetSupportContact");

        await KillAsync(_b);

        var failed = await Assert.ThrowsAsync<ConnectClientException>(() => change);
        Assert.Equal(StatusCode.Unavailable, failed.StatusCode);
        Assert.Equal(changesOnA, _probeA.Count("StartSignIn"));
        Assert.Equal(PhoneA, (await read).PhoneNumber);
        Assert.Equal(readsOnA + 1, _probeA.Count("GetSupportContact"));
        for (var i = 0; i < 6; i++) Assert.Equal(PhoneA, (await support.GetSupportContactAsync()).PhoneNumber);
    }

    [Fact]
    public async Task ADnsAddress_IsResolvedAndBalanced()
    {
        await using var client = new ServiceCollection()
            .AddConnectClient(o => o.Address = new Uri($"dns:///localhost:{_a.GrpcAddress!.Port}"))
            .BuildServiceProvider();

        Assert.Equal(PhoneA, (await client.GetRequiredService<ConnectSupportClient>().GetSupportContactAsync()).PhoneNumber);
    }

    private static ConnectServerFactory Start(string phone, ReplicaProbe probe) => ConnectServerFactory.OnLoopback(
        settings: new Dictionary<string, string?> { ["Connect:Support:Phone"] = phone },
        services: services => services.AddSingleton<IStartupFilter>(probe));

    private static async Task<List<string>> CallsUntilBothAnswer(ConnectSupportClient support)
    {
        var answeredBy = new List<string>();
        // The first calls may all go to the server whose connection was ready first.
        while (answeredBy.Count < 50 && answeredBy.Distinct().Count() < 2)
            answeredBy.Add((await support.GetSupportContactAsync()).PhoneNumber);
        return answeredBy;
    }

    private async Task<Task<T>> SendUntilHeldOnB<T>(string method, Func<Task<T>> send)
    {
        var arrived = _probeB.Hold(method);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var call = send();
            if (await Task.WhenAny(call, arrived) == arrived) return call;
            await call.ContinueWith(_ => { }, TaskScheduler.Default); // answered by A (a refused sign-in is an answer too)
        }
        throw new InvalidOperationException($"No {method} call reached server B.");
    }

    /// <summary>Stops B's Kestrel without a grace period: its connections are cut as a crash would cut them.</summary>
    private static Task KillAsync(ConnectServerFactory server) =>
        server.Services.GetRequiredService<IServer>().StopAsync(new CancellationToken(canceled: true));
}
