using Connect.Client;
using Connect.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Client.Tests;

/// <summary>The package README's partner example, against the real server: client credentials, list, create, verify the SMS code.</summary>
public sealed class PartnerClientTests : IDisposable
{
    private readonly ConnectServerFactory _server = new();
    private readonly MemberDriver _driver;
    private readonly ApplicationDriver _apps;
    private ServiceProvider? _services;

    public PartnerClientTests()
    {
        var channel = _server.CreateChannel();
        _driver = new MemberDriver(_server, channel);
        _apps = new ApplicationDriver(channel);
    }

    public void Dispose()
    {
        _services?.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task APartner_ListsMembers_CreatesOne_AndVerifiesTheCodeThePersonReadsOut()
    {
        var admin = await _driver.Admin("partner-admin@muster.test", "+41795760101", "876.001");
        var members = Client(await _apps.Partner(admin)).GetRequiredService<ConnectMemberClient>();

        Assert.Equal(["partner-admin@muster.test"], (await members.ListMembersAsync()).Members.Select(m => m.Email));
        var created = await members.CreateMemberAsync(MemberDriver.Request("new-hire@muster.test", "+41795760102", topicIds: ["contributions"]));
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795760102", 1));

        var wrong = await Assert.ThrowsAsync<ConnectClientException>(() => members.VerifyMemberPhoneAsync(created.Member.Id, code == "000000" ? "111111" : "000000"));
        Assert.Equal(ErrorReason.CodeInvalid, wrong.Reason);
        Assert.True(wrong.Metadata.ContainsKey("attempts_left"));
        var verified = await members.VerifyMemberPhoneAsync(created.Member.Id, code);

        Assert.Equal(MemberState.PendingActivation, verified.State);
        Assert.Equal(2, (await members.ListMembersAsync(states: [MemberState.Active, MemberState.PendingActivation])).Members.Count);
    }

    [Fact]
    public async Task AWrongSecret_FailsEveryCall_WithApplicationCredentialsInvalid()
    {
        var admin = await _driver.Admin("wrong-secret@muster.test", "+41795760201", "876.002");
        var credential = await _apps.Partner(admin);
        var members = Client(credential with { ClientSecret = credential.ClientSecret + "x" }).GetRequiredService<ConnectMemberClient>();

        var refused = await Assert.ThrowsAsync<ConnectClientException>(() => members.ListMembersAsync());

        Assert.Equal(ErrorReason.ApplicationCredentialsInvalid, refused.Reason);
        Assert.Equal(global::Grpc.Core.StatusCode.Unauthenticated, refused.StatusCode);
    }

    private ServiceProvider Client(AppCredential credential)
    {
        _services = new ServiceCollection()
            .AddConnectClient(o =>
            {
                o.Address = _server.Server.BaseAddress;
                o.ClientId = credential.ClientId;
                o.ClientSecret = credential.ClientSecret;
            })
            .ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => _server.Server.CreateHandler()))
            .BuildServiceProvider();
        return _services;
    }
}
