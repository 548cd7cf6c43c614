using System.Xml.Linq;
using Connect.Admin.Tests.Infrastructure;
using Connect.Client;
using Connect.V1;

namespace Connect.Admin.Tests.Localization;

/// <summary>Every text of the console exists in French, German, Italian and English, and every error reason has one.</summary>
public sealed class SharedResourceTests
{
    private static readonly string Resources = Path.Combine(BuiltApp.RepositoryRoot, "src", "Connect.Admin", "Resources");

    [Theory]
    [InlineData("de")]
    [InlineData("it")]
    [InlineData("en")]
    public void Translation_HasEveryKeyOfTheFrenchTexts(string language)
    {
        // Language names are written in their own language and stay in the neutral file only.
        var french = Keys("SharedResource.resx").Where(k => !k.StartsWith("Language.", StringComparison.Ordinal));

        var missing = french.Except(Keys($"SharedResource.{language}.resx")).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void FrenchTexts_TranslateEveryErrorReason()
    {
        var keys = Keys("SharedResource.resx").ToHashSet();

        var missing = Enum.GetValues<ErrorReason>().Select(r => "Error." + ConnectClientException.ReasonName(r)).Where(k => !keys.Contains(k));

        Assert.Empty(missing);
    }

    private static IEnumerable<string> Keys(string file) =>
        XDocument.Load(Path.Combine(Resources, file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!);
}
