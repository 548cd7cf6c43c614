using System.Diagnostics;
using Connect.Grpc.Tests.Infrastructure;

namespace Connect.Grpc.Tests.Hosting;

/// <summary>The API's own rules: buf lint with STANDARD and COMMENTS (installed by the README's test command).</summary>
public sealed class BufLintTests
{
    [Fact]
    public async Task Protos_PassBufLint()
    {
        var root = RepositoryRoot.Find();
        var buf = Path.Combine(root, "node_modules", ".bin", "buf");
        Assert.True(File.Exists(buf), $"buf is missing at {buf}: run the README's test command, which installs it.");
        using var process = Process.Start(new ProcessStartInfo(buf, "lint")
        {
            WorkingDirectory = Path.Combine(root, "protos"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "buf lint found problems:\n" + output);
    }
}
