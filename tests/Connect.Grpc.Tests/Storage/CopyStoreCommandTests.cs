using System.Diagnostics;
using Connect.V1;
using Grpc.Net.Client;
using Npgsql;

namespace Connect.Grpc.Tests.Storage;

/// <summary>
/// <c>copy-store</c> as an operator runs it: the built server program, on the data a real single server wrote; a replica
/// started on the copy with the old key file's key as its server key takes up where the single server stopped.
/// </summary>
public sealed class CopyStoreCommandTests
{
    [Fact]
    public async Task CopyStore_OnceTheSingleServerStopped_MovesItsData_AndAReplicaOnTheCopyRedeemsTheAccessCodeItPrinted()
    {
        var liteDbData = ConnectServerFactory.NewDataDirectory();
        var replicaData = ConnectServerFactory.NewDataDirectory();
        try
        {
            var (single, _, singleOutput) = await ServerProcess.Start(liteDbData);
            var code = await singleOutput.WaitFor(TestCodes.AccessCode);
            var target = await PostgresCluster.Shared.CreateDatabaseAsync();
            var whileRunning = await Run("copy-store", "--from", liteDbData, "--to", target);
            Assert.Equal(1, whileRunning.ExitCode);
            Assert.Contains("stop the server that uses it first", whileRunning.Error);
            single.Kill();
            await single.WaitForExitAsync();

            var copy = await Run("copy-store", "--from", liteDbData, "--to", target);

            Assert.True(copy.ExitCode == 0, copy.Error + copy.Output);
            Assert.Contains($"into PostgreSQL 127.0.0.1:{PostgresCluster.Shared.Port}/", copy.Output);
            Assert.Matches(@"(?m)^  organizations\s+1$", copy.Output);
            Assert.Matches(@"(?m)^  invitations\s+1$", copy.Output);
            Assert.Matches(@"(?m)^  audit\s+[1-9]\d*$", copy.Output);
            Assert.Contains("Counts checked: every table of", copy.Output);
            Assert.Contains(Path.Combine(liteDbData, "connect.key"), copy.Output);
            Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(target).Password!, copy.Output);
            Assert.Empty(copy.Error);

            var key = (await File.ReadAllTextAsync(Path.Combine(liteDbData, "connect.key"))).Trim();
            var (replica, address, replicaOutput) = await ServerProcess.Start(replicaData, new Dictionary<string, string>
            {
                ["Connect__Storage__Provider"] = "PostgreSql",
                ["Connect__Storage__ConnectionString"] = target,
                ["Connect__Security__ServerKey"] = key,
            });
            try
            {
                Assert.Contains("no bootstrap access code was needed", await replicaOutput.WaitFor(l => l.Contains("bootstrap access code", StringComparison.Ordinal) ? l : null));
                using var channel = GrpcChannel.ForAddress(address);
                var redeemed = await new RegistrationService.RegistrationServiceClient(channel).RedeemAccessCodeAsync(new() { AccessCode = code });
                Assert.NotEmpty(redeemed.RegistrationToken);
            }
            finally
            {
                replica.Kill();
                await replica.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(liteDbData, recursive: true);
            if (Directory.Exists(replicaData)) Directory.Delete(replicaData, recursive: true);
        }
    }

    [Fact]
    public async Task CopyStore_WithoutASource_FailsWithOneClearLine()
    {
        var missing = Path.Combine(Path.GetTempPath(), "connect-tests", "missing-" + Guid.NewGuid().ToString("N"));

        var copy = await Run("copy-store", "--from", missing, "--to", "Host=127.0.0.1;Database=unused;Username=u;Password=never-printed");

        Assert.Equal(2, copy.ExitCode);
        Assert.Empty(copy.Output);
        Assert.StartsWith($"copy-store: no LiteDB data at {missing} (give the data directory or its connect.db); usage:", copy.Error);
        Assert.Single(copy.Error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("never-printed", copy.Error);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task CopyStore_WithAnUnknownOption_FailsWithOneClearLine()
    {
        var copy = await Run("copy-store", "--form", "data");

        Assert.Equal(2, copy.ExitCode);
        Assert.StartsWith("copy-store: unknown option '--form'; usage: copy-store --from <LiteDB data directory or .db file>", copy.Error);
    }

    [Fact]
    public async Task CopyStore_WithAStrayArgument_DoesNotEchoIt()
    {
        // A connection string given without --to, password and all.
        var copy = await Run("copy-store", "--from", "data", "Host=127.0.0.1;Username=u;Password=never-printed");

        Assert.Equal(2, copy.ExitCode);
        Assert.StartsWith("copy-store: unexpected argument 3; usage:", copy.Error);
        Assert.DoesNotContain("never-printed", copy.Error);
    }

    private sealed record Result(int ExitCode, string Output, string Error);

    private static async Task<Result> Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ServerProcess.Dll());
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The target comes from --to alone here, whatever the machine's environment says.
        start.Environment.Remove("Connect__Storage__ConnectionString");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
