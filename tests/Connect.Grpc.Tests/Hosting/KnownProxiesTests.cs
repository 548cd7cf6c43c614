using Connect.Grpc.Tests.Storage;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Hosting;

/// <summary>
/// <c>Connect__Network__KnownProxies</c> set as real environment variables (under a prefix of the test's own, so that
/// tests running beside it see none of them), on a server listening on loopback: which address the audit log and the
/// throttle get for a call from 127.0.0.1, with and without <c>X-Forwarded-For</c>.
/// </summary>
public sealed class KnownProxiesTests
{
    private const string Forwarded = "203.0.113.7";

    [Fact]
    public async Task Default_TrustsLoopback()
    {
        using var server = Start(new());
        Assert.Equal("127.0.0.1", await AddressSeen(server, forwardedFor: null));
        Assert.Equal(Forwarded, await AddressSeen(server, Forwarded));
    }

    [Fact]
    public async Task ConfiguredProxies_ReplaceTheLoopbackDefault()
    {
        using var server = Start(new() { ["Connect__Network__KnownProxies__0"] = "10.20.30.40" });
        // 127.0.0.1 is no longer a proxy: its X-Forwarded-For is ignored, for the audit log and for the throttle alike.
        Assert.Equal("127.0.0.1", await AddressSeen(server, Forwarded));
        Assert.Equal("127.0.0.1", await AddressSeen(server, "198.51.100.1"));
    }

    [Fact]
    public async Task ConfiguredLoopback_IsTrusted()
    {
        using var server = Start(new() { ["Connect__Network__KnownProxies__0"] = "10.20.30.40", ["Connect__Network__KnownProxies__1"] = "127.0.0.1" });
        Assert.Equal(Forwarded, await AddressSeen(server, Forwarded));
    }

    [Fact]
    public async Task TrustedForwardedFor_IsTheAddressTheThrottleCounts()
    {
        using var server = Start(new() { ["Connect__Security__AttemptsPerAddressPerMinute"] = "2" });
        var registration = new RegistrationService.RegistrationServiceClient(server.CreateChannel());
        for (var i = 0; i < 4; i++) await Redeem(registration, server.BootstrapCode, $"198.51.100.{i}");
        await Redeem(registration, server.BootstrapCode, "198.51.100.0");
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "RATE_LIMITED", () => Redeem(registration, server.BootstrapCode, "198.51.100.0"));
    }

    [Fact]
    public async Task UntrustedForwardedFor_DoesNotEscapeTheThrottle()
    {
        using var server = Start(new() { ["Connect__Network__KnownProxies__0"] = "10.20.30.40", ["Connect__Security__AttemptsPerAddressPerMinute"] = "2" });
        var registration = new RegistrationService.RegistrationServiceClient(server.CreateChannel());
        for (var i = 0; i < 2; i++) await Redeem(registration, server.BootstrapCode, $"198.51.100.{i}");
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "RATE_LIMITED", () => Redeem(registration, server.BootstrapCode, "198.51.100.9"));
    }

    /// <summary>
    /// <c>Connect__Network__KnownProxies=</c> with an empty value, in a real server process: .NET cannot give its own
    /// process an empty environment variable (setting one to "" deletes it), but a container or systemd can.
    /// </summary>
    [Fact]
    public async Task EmptyValue_TrustsNobody_InARealProcess()
    {
        var dataDirectory = ConnectServerFactory.NewDataDirectory();
        var (process, address, output) = await ServerProcess.Start(dataDirectory, new Dictionary<string, string>
        {
            ["Connect__Network__KnownProxies"] = "",
            ["Connect__Security__AttemptsPerAddressPerMinute"] = "2",
        });
        try
        {
            var accessCode = await output.WaitFor(TestCodes.AccessCode);
            using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(address);
            var registration = new RegistrationService.RegistrationServiceClient(channel);
            // From 127.0.0.1, which the default trusts: with nobody trusted, each forwarded address is still 127.0.0.1.
            for (var i = 0; i < 2; i++) await Redeem(registration, accessCode, $"198.51.100.{i}");
            await RpcAssert.Fails(StatusCode.ResourceExhausted, "RATE_LIMITED", () => Redeem(registration, accessCode, "198.51.100.9"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
        }
    }

    [Theory]
    [InlineData("Connect__Network__KnownProxies__0", "proxy.example")]
    [InlineData("Connect__Network__KnownProxies__1", "10.0.0.300")]
    public void InvalidAddress_FailsStartUp(string name, string value)
    {
        var failure = Assert.ThrowsAny<Exception>(() => Start(new() { ["Connect__Network__KnownProxies__0"] = "10.0.0.1", [name] = value }));
        Assert.Contains("Connect:Network:KnownProxies", failure.ToString(), StringComparison.Ordinal);
        Assert.Contains($"'{value}' is not an IP address", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddressOnTheListItself_FailsStartUp()
    {
        var failure = Assert.ThrowsAny<Exception>(() => Start(new() { ["Connect__Network__KnownProxies"] = "10.0.0.1" }));
        Assert.Contains("KnownProxies__0", failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The server on loopback, reading <paramref name="variables"/> from the process environment through the environment-variable provider.</summary>
    private static ConnectServerFactory Start(Dictionary<string, string> variables)
    {
        var prefix = $"CONNECT_TEST_{Guid.NewGuid():N}_";
        foreach (var (name, value) in variables) Environment.SetEnvironmentVariable(prefix + name, value);
        try
        {
            return ConnectServerFactory.OnLoopback(environmentPrefix: prefix);
        }
        finally
        {
            foreach (var name in variables.Keys) Environment.SetEnvironmentVariable(prefix + name, null);
        }
    }

    /// <summary>The client address the audit log recorded for a call (the throttle takes the same one).</summary>
    private static async Task<string?> AddressSeen(ConnectServerFactory server, string? forwardedFor)
    {
        var registration = new RegistrationService.RegistrationServiceClient(server.CreateChannel());
        var token = await Redeem(registration, server.BootstrapCode, forwardedFor);
        var hash = Grpc.Security.Secrets.HashToken(token);
        var registrationId = server.Store().Read(r => r.RegistrationByTokenHash(hash))!.Id;
        return server.Stored<Domain.AuditEvent>().First(e => e.TargetId == registrationId).ClientAddress;
    }

    private static async Task<string> Redeem(RegistrationService.RegistrationServiceClient registration, string accessCode, string? forwardedFor)
    {
        var headers = new Metadata();
        if (forwardedFor is not null) headers.Add("x-forwarded-for", forwardedFor);
        return (await registration.RedeemAccessCodeAsync(new() { AccessCode = accessCode }, headers)).RegistrationToken;
    }
}
