using System.Xml.Linq;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Tests.Audit;

/// <summary>
/// Every audit action of the catalogue, every detail key the flows record and every kind of target has a text in each
/// of the console's languages (the console's <c>AuditText</c> reads them).
/// </summary>
public sealed partial class AuditActionTranslationTests
{
    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.de.resx")]
    [InlineData("SharedResource.it.resx")]
    [InlineData("SharedResource.en.resx")]
    public void Console_TranslatesEveryAuditAction(string resources)
    {
        var keys = Keys(resources);

        Assert.All(AuditActions.All, a => Assert.Contains("Audit." + a, keys));
    }

    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.de.resx")]
    [InlineData("SharedResource.it.resx")]
    [InlineData("SharedResource.en.resx")]
    public void Console_LabelsEveryDetailAndTarget_TheFlowsRecord(string resources)
    {
        var keys = Keys(resources);
        // Read from the flows' source: the details are dictionary literals next to each change.Audit(…).
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Find(), "src", "Connect.Grpc", "Domain"), "*.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText).Where(text => text.Contains(".Audit(", StringComparison.Ordinal)).ToList();
        var details = sources.SelectMany(text => DetailKey().Matches(text).Select(m => m.Groups[1].Value))
            .Concat(new[] { "person_name", "address_lines", "postal_code", "locality", "country_code", "email", "phone_number" }.Select(f => "contact." + f))
            .Distinct().ToList();
        var targets = sources.SelectMany(text => TargetType().Matches(text).Select(m => m.Groups[1].Value)).Distinct().ToList();

        Assert.True(details.Count > 40, $"Only {details.Count} detail keys found: the pattern no longer matches the flows.");
        Assert.All(details, d => Assert.Contains("Audit.Detail." + d, keys));
        Assert.NotEmpty(targets);
        Assert.All(targets, t => Assert.Contains("Audit.Target." + t, keys));
    }

    private static HashSet<string> Keys(string resources) =>
        XDocument.Load(Path.Combine(RepositoryRoot.Find(), "src", "Connect.Admin", "Resources", resources)).Root!
            .Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"\[""([a-z_]+)""\]\s*=")]
    private static partial System.Text.RegularExpressions.Regex DetailKey();

    // change.Audit(caller, AuditActions.X, organizationId, "person", …): the target type follows the organisation.
    [System.Text.RegularExpressions.GeneratedRegex(@"\.Audit\([^;]*?AuditActions\.\w+, [^,]+, ""([a-z_]+)""")]
    private static partial System.Text.RegularExpressions.Regex TargetType();

    [Fact]
    public void Catalogue_NamesEachActionOnce_AsFamilyDotVerb()
    {
        Assert.Equal(AuditActions.All.Count, AuditActions.All.Distinct(StringComparer.Ordinal).Count());
        Assert.All(AuditActions.All, a => Assert.Matches("^[a-z_]+\\.[a-z_]+$", a));
    }
}
