using System.Collections.Concurrent;
using System.Diagnostics;

namespace Connect.Grpc.Tests.Storage;

/// <summary>Runs the built server as a separate process on a free loopback port.</summary>
internal static class ServerProcess
{
    /// <param name="environment">More environment variables, over the ones set here.</param>
    public static async Task<(Process Process, string Address, OutputReader Output)> Start(string dataDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", $"\"{Dll()}\"")
        {
            WorkingDirectory = Path.Combine(RepositoryRoot.Find(), "src", "Connect.Grpc"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{port}";
        // Its REST endpoint too, or it would take the fixed 50052 of appsettings.json and clash with a running server.
        start.Environment["Kestrel__Endpoints__Rest__Url"] = $"http://127.0.0.1:{FreePort.Next()}";
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
}

/// <summary>Collects a process's output lines and waits for one that matters.</summary>
public sealed class OutputReader
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Every line so far.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

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
