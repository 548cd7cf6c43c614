
namespace Connect.Grpc.Tests.Hosting;

/// <summary>The API's own rules: buf lint with STANDARD and COMMENTS (installed by the README's test command).</summary>
public sealed class BufLintTests
{
    [Fact]
    public async Task Protos_PassBufLint()
    {
        var (exitCode, output) = await Buf.Run(Path.Combine(RepositoryRoot.Find(), "protos"), "lint");
        Assert.True(exitCode == 0, "buf lint found problems:\n" + output);
    }
}
