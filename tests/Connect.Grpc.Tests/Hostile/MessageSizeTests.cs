using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Hostile;

/// <summary>A gRPC message over the server's 1 MiB limit is refused before any service reads it, with its reason.</summary>
public sealed class MessageSizeTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;

    public MessageSizeTests(ClassServer shared) => _server = shared.Server;

    [Fact]
    public async Task AMessageOverTheLimit_IsResourceExhausted_AndNothingIsWritten()
    {
        var channel = _server.CreateChannel();
        var driver = new MemberDriver(_server, channel);
        var admin = await driver.Admin("size-admin@muster.test", "+41795760101", "861.001");
        var apps = new ApplicationDriver(channel);
        var partner = ApplicationDriver.As(await apps.Token(await apps.Partner(admin)));

        var huge = MemberDriver.Request("huge@muster.test", "+41795760102", new string('a', 1024 * 1024 + 1));
        foreach (var bearer in new[] { MemberDriver.As(admin), partner })
        {
            await RpcAssert.Fails(StatusCode.ResourceExhausted, "MESSAGE_TOO_LARGE", driver.Members.CreateMemberAsync(huge, bearer));
        }
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "MESSAGE_TOO_LARGE", apps.Applications.CreateApplicationTokenAsync(new()
        {
            ClientId = "app_x", ClientSecret = new string('s', 2 * 1024 * 1024),
        }));
        Assert.Single(await driver.List(admin, MemberState.PendingPhone, MemberState.Active));
        Assert.Empty(_server.Sms.To("+41795760102"));
    }
}
