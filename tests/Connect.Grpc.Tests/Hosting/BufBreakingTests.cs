
namespace Connect.Grpc.Tests.Hosting;

/// <summary>
/// Partners generate stubs from <c>protos/</c>: nothing may break them. <c>buf breaking</c> (FILE rules) compares the
/// protos with the image of the API as last released, kept in <c>protos/releases/</c>.
/// </summary>
public sealed class BufBreakingTests
{
    public const string LastRelease = "releases/connect-v1.5.binpb";

    [Fact]
    public async Task Protos_BreakNothing_OfTheLastRelease()
    {
        var protos = Path.Combine(RepositoryRoot.Find(), "protos");
        Assert.True(File.Exists(Path.Combine(protos, LastRelease)), $"protos/{LastRelease} is missing");
        var (exitCode, output) = await Buf.Run(protos, "breaking", "--against", LastRelease);
        Assert.True(exitCode == 0, "buf breaking found changes that break partners' generated stubs:\n" + output);
    }

    [Fact]
    public async Task ARemovedRpc_AndARenamedField_AreCaught()
    {
        var protos = Path.Combine(RepositoryRoot.Find(), "protos");
        var copy = Directory.CreateTempSubdirectory("connect-protos-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(protos, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(protos, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            var members = Path.Combine(copy, "connect", "v1", "member_service.proto");
            var text = await File.ReadAllTextAsync(members);
            var withoutRpc = System.Text.RegularExpressions.Regex.Replace(text,
                @"  rpc ReactivateMember\(ReactivateMemberRequest\) returns \(ReactivateMemberResponse\) \{.*?\n  \}\n", "",
                System.Text.RegularExpressions.RegexOptions.Singleline);
            Assert.NotEqual(text, withoutRpc);
            var renamed = withoutRpc.Replace("  string member_id = 1;\n  // The code the person read out", "  string id = 1;\n  // The code the person read out", StringComparison.Ordinal);
            await File.WriteAllTextAsync(members, renamed);

            var (exitCode, output) = await Buf.Run(copy, "breaking", "--against", LastRelease);
            Assert.NotEqual(0, exitCode);
            Assert.Contains("ReactivateMember", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
