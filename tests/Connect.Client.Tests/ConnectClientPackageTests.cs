using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using Connect.Client;

namespace Connect.Client.Tests;

/// <summary>`dotnet pack` of the client library gives a package a partner can use: code, documentation, README, dependencies.</summary>
public sealed class ConnectClientPackageTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "connect-pack-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_output, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task ThePackage_HoldsTheAssembly_ItsXmlDocumentation_TheReadme_AndNamesItsDependencies()
    {
        // Packs what the test project's build already compiled (same configuration), so this takes seconds.
        var configuration = typeof(ConnectClientOptions).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var project = Path.Combine(RepositoryRoot.Find(), "src", "Connect.Client", "Connect.Client.csproj");
        await Run("dotnet", "pack", project, "-c", configuration, "--no-build", "-o", _output, "-nologo");

        var package = Assert.Single(Directory.GetFiles(_output, "Connect.Client.*.nupkg"));
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("lib/net10.0/Connect.Client.dll", entries);
        Assert.Contains("lib/net10.0/Connect.Client.xml", entries);
        Assert.Contains("README.md", entries);

        var docs = XDocument.Load(zip.GetEntry("lib/net10.0/Connect.Client.xml")!.Open());
        var documented = docs.Descendants("member").Select(m => (string)m.Attribute("name")!).ToHashSet();
        Assert.Contains("P:Connect.Client.ConnectClientOptions.ClientSecret", documented);
        Assert.Contains("M:Connect.Client.ConnectTopicEndpointConventionBuilderExtensions.RequireConnectTopic``1(``0,System.String)", documented);

        using var readme = new StreamReader(zip.GetEntry("README.md")!.Open());
        var text = await readme.ReadToEndAsync();
        Assert.Contains("RequireConnectTopic(\"contributions\")", text);
        Assert.Contains("VerifyMemberPhoneAsync", text);

        var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("MIT", (string?)metadata.Element(ns + "license"));
        Assert.Equal("README.md", (string?)metadata.Element(ns + "readme"));
        Assert.False(string.IsNullOrWhiteSpace((string?)metadata.Element(ns + "description")));
        Assert.Equal("git", (string?)metadata.Element(ns + "repository")?.Attribute("type"));
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).ToHashSet();
        Assert.Superset(new HashSet<string> { "Google.Protobuf", "Grpc.Net.Client", "Grpc.Net.ClientFactory", "Grpc.StatusProto" }, dependencies);
        Assert.DoesNotContain("Grpc.Tools", dependencies);
        Assert.Contains("Microsoft.AspNetCore.App", metadata.Descendants(ns + "frameworkReference").Select(f => (string)f.Attribute("name")!));
    }

    private static async Task Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, $"{fileName} {string.Join(' ', arguments)} failed:\n{await output}\n{await errors}");
    }
}
