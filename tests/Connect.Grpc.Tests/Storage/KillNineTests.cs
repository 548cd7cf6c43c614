using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Connect.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Connect.Grpc.Tests.Storage;

/// <summary>
/// A real server process is killed with SIGKILL while clients write; after a restart on the same files every
/// write it acknowledged is there.
/// </summary>
public sealed class KillNineTests
{
    [Fact]
    public async Task AcknowledgedWrites_SurviveKillNine()
    {
        var dataDirectory = ConnectServerFactory.NewDataDirectory();
        try
        {
            var (first, address, output) = await ServerProcess.Start(dataDirectory);
            var code = await output.WaitFor(TestCodes.AccessCode);
            using var channel = GrpcChannel.ForAddress(address);
            var registration = new RegistrationService.RegistrationServiceClient(channel);

            var acknowledged = new ConcurrentBag<string>();
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        acknowledged.Add((await registration.RedeemAccessCodeAsync(new() { AccessCode = code })).RegistrationToken);
                    }
                    catch (RpcException)
                    {
                        return; // the server died mid-call: that write was never acknowledged
                    }
                }
            })).ToList();
            while (acknowledged.Count < 200 && writers.Any(w => !w.IsCompleted)) await Task.Delay(10);
            Assert.True(acknowledged.Count >= 200, $"The writers stopped after {acknowledged.Count} acknowledged writes.");
            first.Kill(); // SIGKILL: no shutdown, no flush, no dispose
            await first.WaitForExitAsync();
            stop.Cancel();
            await Task.WhenAll(writers);

            var (second, secondAddress, _) = await ServerProcess.Start(dataDirectory);
            try
            {
                using var secondChannel = GrpcChannel.ForAddress(secondAddress);
                var reader = new RegistrationService.RegistrationServiceClient(secondChannel);
                foreach (var token in acknowledged)
                {
                    var found = await reader.GetRegistrationAsync(new() { RegistrationToken = token });
                    Assert.Equal(RegistrationState.EmailRequired, found.Registration.State);
                }
            }
            finally
            {
                second.Kill();
                await second.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}

/// <summary>Runs the built server as a separate process on a free loopback port.</summary>
internal static class ServerProcess
{
    /// <param name="environment">More environment variables, over the ones set here.</param>
    public static async Task<(Process Process, string Address, OutputReader Output)> Start(string dataDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", $"\"{Dll()}\"")
        {
            WorkingDirectory = Path.Combine(RepositoryRoot.Find(), "src", "Connect.Grpc"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{port}";
        // Its REST endpoint too, or it would take the fixed 50052 of appsettings.json and clash with a running server.
        start.Environment["Kestrel__Endpoints__Rest__Url"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["Connect__Storage__DataDirectory"] = dataDirectory;
        start.Environment["Connect__Security__PasswordMemoryKiB"] = "8";
        start.Environment["Connect__Security__PasswordIterations"] = "1";
        // The writers redeem one access code as fast as they can, from one address.
        start.Environment["Connect__Security__AttemptsPerAddressPerMinute"] = "1000000";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start)!;
        var output = new OutputReader(process);
        await output.WaitFor(line => line.Contains("Application started", StringComparison.Ordinal) ? line : null);
        return (process, $"http://127.0.0.1:{port}", output);
    }

    /// <summary>The server's own output folder, built with the same configuration as these tests.</summary>
    public static string Dll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name;
        var dll = Path.Combine(RepositoryRoot.Find(), "src", "Connect.Grpc", "bin", configuration, "net10.0", "Connect.Grpc.dll");
        return File.Exists(dll) ? dll : Path.Combine(AppContext.BaseDirectory, "Connect.Grpc.dll");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Collects a process's output lines and waits for one that matters.</summary>
internal sealed class OutputReader
{
    private readonly ConcurrentQueue<string> _lines = new();

    public OutputReader(Process process)
    {
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public async Task<string> WaitFor(Func<string, string?> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var line in _lines)
            {
                if (match(line) is { } found) return found;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The server did not print what was expected:\n" + string.Join("\n", _lines));
    }
}
