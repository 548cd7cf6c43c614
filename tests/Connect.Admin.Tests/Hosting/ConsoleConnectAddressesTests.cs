using System.Text.RegularExpressions;
using Connect.Admin.Tests.Infrastructure;

namespace Connect.Admin.Tests.Hosting;

/// <summary>
/// The console takes Connect's replicas as a list (<c>Connect__Addresses__0</c>, <c>__1</c>, …) and hands it to the client
/// library, whose check stops a console configured both ways. Run as the built console, with the environment an
/// operator would set; no server is needed to start.
/// </summary>
public sealed class ConsoleConnectAddressesTests
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(120);
    private static readonly Regex Listening = new("Now listening on");

    [Fact]
    public async Task TheConsole_StartsWithAListOfServers()
    {
        using var console = RunningApp.Start("Connect.Admin", new Dictionary<string, string>
        {
            ["Kestrel__Endpoints__Http__Url"] = "http://127.0.0.1:0",
            ["Connect__Addresses__0"] = "http://127.0.0.1:50061",
            ["Connect__Addresses__1"] = "http://127.0.0.1:50062",
        });

        await console.WaitForLineAsync(Listening, StartPatience);
    }

    [Fact]
    public async Task TheConsole_RefusesToStart_WithOneServerAndAListAtOnce()
    {
        using var console = RunningApp.Start("Connect.Admin", new Dictionary<string, string>
        {
            ["Kestrel__Endpoints__Http__Url"] = "http://127.0.0.1:0",
            ["Connect__ServerAddress"] = "http://127.0.0.1:50061",
            ["Connect__Addresses__0"] = "http://127.0.0.1:50062",
        });

        var stopped = await Assert.ThrowsAsync<InvalidOperationException>(() => console.WaitForLineAsync(Listening, StartPatience));
        Assert.Contains("Address and Addresses are both set", stopped.Message);
    }
}
