using System.Diagnostics;

namespace Connect.Testing;

/// <summary>Runs the <c>buf</c> that the README's test command installs into <c>node_modules</c>.</summary>
public static class Buf
{
    public static async Task<(int ExitCode, string Output)> Run(string workingDirectory, params string[] arguments)
    {
        var buf = Path.Combine(RepositoryRoot.Find(), "node_modules", ".bin", "buf");
        Assert.True(File.Exists(buf), $"buf is missing at {buf}: run the README's test command, which installs it.");
        var start = new ProcessStartInfo(buf) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
