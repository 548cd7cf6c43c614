using System.Reflection;
using System.Text.RegularExpressions;
using Connect.Grpc.Hosting;

namespace Connect.Grpc.Tests.Hosting;

public sealed class ConfigurationReadmeTests
{
    /// <summary>Every settable property of the server's options classes is named in the README's configuration section.</summary>
    [Fact]
    public void EveryOptionsProperty_IsDocumentedInTheReadme()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md"));
        var start = readme.IndexOf("## Configuration", StringComparison.Ordinal);
        Assert.True(start >= 0, "The README has no configuration section.");
        var next = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = next < 0 ? readme[start..] : readme[start..next];

        var options = typeof(ServerMarker).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.Name.EndsWith("Options", StringComparison.Ordinal)
                && t.Namespace?.StartsWith("Connect.Grpc", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(options.Count >= 10, "Fewer options classes than expected: the search is wrong.");
        var missing = options
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true })
                .Select(p => $"{t.Name}.{p.Name}"))
            // Letters and digits only around the name: "__" joins the parts of a variable's name.
            .Where(name => !Regex.IsMatch(section, "(?<![A-Za-z0-9])" + name.Split('.')[1] + "(?![A-Za-z0-9])"))
            .ToList();
        Assert.True(missing.Count == 0, "Not in the README's configuration table: " + string.Join(", ", missing));
    }
}
