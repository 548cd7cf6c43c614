using System.Diagnostics;

namespace Connect.Grpc.Tests.Partners;

/// <summary>
/// Proof from outside .NET: <c>tests/partner-node</c> uses the protos as a partner would, from Node.js with
/// <c>@grpc/grpc-js</c> and <c>@grpc/proto-loader</c>, against the real server on a loopback port.
/// </summary>
public sealed class NodePartnerTests : IDisposable
{
    private readonly ConnectServerFactory _server = ConnectServerFactory.OnLoopback();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task APartnerInNode_Authenticates_ListsMembers_CreatesAndVerifiesAPerson_AndReadsRefusalReasons()
    {
        var root = RepositoryRoot.Find();
        Assert.True(Directory.Exists(Path.Combine(root, "node_modules", "@grpc", "grpc-js")),
            "node_modules/@grpc/grpc-js is missing: run the README's test command, which installs it.");

        var channel = _server.CreateChannel();
        var driver = new MemberDriver(_server, channel);
        var admin = await driver.Admin("node-admin@muster.test", "+41795770101", "871.001");
        var other = await driver.Admin("node-other@muster.test", "+41795770201", "871.002", "Zweite AG");
        var credential = await new ApplicationDriver(channel).Partner(admin, "Node Payroll");

        var start = new ProcessStartInfo("node", ["--test", "tests/partner-node/"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CONNECT_ADDRESS"] = _server.GrpcAddress!.Authority;
        start.Environment["CONNECT_CLIENT_ID"] = credential.ClientId;
        start.Environment["CONNECT_CLIENT_SECRET"] = credential.ClientSecret;
        start.Environment["CONNECT_SMS_OUTBOX"] = Path.Combine(_server.DataDirectory, "sms-outbox");
        start.Environment["CONNECT_ADMIN_PERSON"] = admin.PersonId;
        start.Environment["CONNECT_FOREIGN_MEMBER"] = (await driver.List(other)).Single().Id;
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await node.WaitForExitAsync(patience.Token);

        Assert.True(node.ExitCode == 0, $"the Node.js partner test failed:\n{await output}\n{await errors}");
        Assert.Contains("# pass 1", await output, StringComparison.Ordinal);
    }
}
