using System.Xml.Linq;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Tests.Audit;

/// <summary>Every audit action of the catalogue has a text in each of the console's languages.</summary>
public sealed class AuditActionTranslationTests
{
    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.de.resx")]
    [InlineData("SharedResource.it.resx")]
    [InlineData("SharedResource.en.resx")]
    public void Console_TranslatesEveryAuditAction(string resources)
    {
        var keys = XDocument.Load(Path.Combine(RepositoryRoot.Find(), "src", "Connect.Admin", "Resources", resources)).Root!
            .Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

        // The console looks an action up as Audit.<action>, then as Operator.Audit.Action.<action> (support's actions).
        var missing = AuditActions.All.Where(a => !keys.Contains("Audit." + a) && !keys.Contains("Operator.Audit.Action." + a));

        Assert.Empty(missing);
    }

    [Fact]
    public void Catalogue_NamesEachActionOnce_AsFamilyDotVerb()
    {
        Assert.Equal(AuditActions.All.Count, AuditActions.All.Distinct(StringComparer.Ordinal).Count());
        Assert.All(AuditActions.All, a => Assert.Matches("^[a-z_]+\\.[a-z_]+$", a));
    }
}
