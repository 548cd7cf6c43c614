using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Connect.Admin.Tests.Infrastructure;

/// <summary>An app of the repository running as its own process, with its output kept for waiting and for failure reports.</summary>
public sealed class RunningApp : IDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];

    private RunningApp(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    public string Name { get; }

    public static RunningApp Start(string project, IReadOnlyDictionary<string, string> environment)
    {
        var app = BuiltApp.Find(project);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { app.Dll },
            WorkingDirectory = app.ProjectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The test projects' runtime settings (tests/Directory.Build.props), for apps that live a minute or two beside
        // other tests on two cores: no profile-guided tiering, no spinning idle threads, one GC heap.
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_gcConcurrent"] = "0";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var running = new RunningApp(project, new Process { StartInfo = start });
        running.process.OutputDataReceived += (_, e) => running.Keep(e.Data);
        running.process.ErrorDataReceived += (_, e) => running.Keep(e.Data);
        running.process.Start();
        running.process.BeginOutputReadLine();
        running.process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits for an output line that matches, and returns the match.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var line in Snapshot())
            {
                if (pattern.Match(line) is { Success: true } match) return match;
            }
            if (process.HasExited)
            {
                // Without a timeout, WaitForExit also waits until the last redirected line was read; a crash's reason comes before its stack trace.
                process.WaitForExit();
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}.\n{Tail(200)}");
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{Name} printed nothing matching {pattern} within {timeout.TotalSeconds} s.\n{Tail()}");
    }

    /// <summary>The last lines of the output, for a failure report.</summary>
    public string Tail(int count = 40) => $"--- {Name} ---\n" + string.Join('\n', Snapshot().TakeLast(count));

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (lines) lines.Add(line);
    }

    private List<string> Snapshot()
    {
        lock (lines) return [.. lines];
    }
}
