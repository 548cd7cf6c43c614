using System.Text.RegularExpressions;
using System.Xml.Linq;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Tests.Messaging;

/// <summary>Every text resource of the server (e-mails, SMS, letters) says the same things in every language.</summary>
public sealed partial class TextResourcesTests
{
    private static readonly string Server = Path.Combine(RepositoryRoot.Find(), "src", "Connect.Grpc");

    /// <summary>Each French (neutral) resource of the server with each other language.</summary>
    public static TheoryData<string, string> Translations()
    {
        var data = new TheoryData<string, string>();
        foreach (var resource in NeutralResources())
        {
            foreach (var language in Languages.All.Where(l => l != Languages.Default)) data.Add(resource, language);
        }
        return data;
    }

    [Fact]
    public void TheServerHasItsTextResources()
    {
        Assert.Contains(Path.Combine("Messaging", "MessageTexts"), NeutralResources());
        Assert.Contains(Path.Combine("Letters", "LetterTexts"), NeutralResources());
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_HasExactlyTheKeysOfTheFrenchTexts(string resource, string language)
    {
        var french = Texts(resource + ".resx");
        var translation = Texts($"{resource}.{language}.resx");

        Assert.Empty(french.Keys.Except(translation.Keys)); // missing
        Assert.Empty(translation.Keys.Except(french.Keys)); // extra
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_FillsInTheSameValues(string resource, string language)
    {
        var french = Texts(resource + ".resx");
        var translation = Texts($"{resource}.{language}.resx");

        var differing = french.Where(t => translation.TryGetValue(t.Key, out var other) && !Holes(t.Value).SetEquals(Holes(other))).Select(t => t.Key);

        Assert.Empty(differing);
    }

    /// <summary>The resources without a language in their name, as paths below the server's folder without ".resx".</summary>
    private static List<string> NeutralResources() =>
        Directory.EnumerateFiles(Server, "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(f => Path.GetRelativePath(Server, f)[..^".resx".Length])
            .Where(f => !Languages.All.Any(l => f.EndsWith("." + l, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(Path.Combine(Server, file)).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    private static HashSet<string> Holes(string text) => [.. Hole().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Hole();
}
