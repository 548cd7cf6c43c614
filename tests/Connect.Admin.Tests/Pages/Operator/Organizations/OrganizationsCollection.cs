using System.Text.RegularExpressions;
using Connect.Admin.Tests.Infrastructure;
using Connect.Client;
using Connect.V1;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Connect.Admin.Tests.Pages.Operator.Organizations;

/// <summary>
/// One running system for the operator's pages of organisations, invitations and letters; the fund's first operator
/// (registered with the bootstrap code) works in it. Its tests run one after the other in one browser.
/// </summary>
[CollectionDefinition(Name)]
public sealed partial class OrganizationsCollection : ICollectionFixture<ConnectSystem>
{
    public const string Name = "operator organisations";

    /// <summary>The client library acting with the operator's session, as another operator's console would.</summary>
    public static async Task<ServiceProvider> AsOperatorAsync(ConnectSystem system) => system.Client((await system.OperatorAsync()).SessionToken);

    /// <summary>Creates an organisation with a postal address through the API.</summary>
    public static async Task<Organization> CreateAsync(ConnectSystem system, string name, string affiliateNumber)
    {
        using var asOperator = await AsOperatorAsync(system);
        var contact = new OrganizationContact { PersonName = "Anne Favre", PostalCode = "1003", Locality = "Lausanne" };
        contact.AddressLines.Add("Avenue de la Gare 10");
        return await asOperator.GetRequiredService<ConnectOrganizationClient>()
            .CreateOrganizationAsync(name, affiliateNumber, ["contributions"], Language.Fr, contact);
    }

    /// <summary>A fresh browser holding <paramref name="person"/>'s session cookie, at <paramref name="path"/>.</summary>
    public static void SignedInAt(ConnectSystem system, string path, RegisteredPerson person)
    {
        var browser = system.Browser;
        browser.Open(system.ConsoleUrl("/signin"));
        browser.ForgetCookies();
        browser.SetCookie("connect_session", person.SessionToken);
        browser.Open(system.ConsoleUrl(path));
    }

    /// <summary>The text of every page of a PDF, words separated by spaces.</summary>
    public static string PdfText(string path)
    {
        using var pdf = PdfDocument.Open(path);
        return string.Join("\n", pdf.GetPages().Select(page => string.Join(" ", page.GetWords().Select(w => w.Text))));
    }

    /// <summary>The distinct access codes (<c>ABCD-EFGH-JKMN</c>) printed in a PDF, in order.</summary>
    public static IReadOnlyList<string> AccessCodes(string pdfText) => [.. AccessCode().Matches(pdfText).Select(m => m.Value).Distinct()];

    [GeneratedRegex(@"(?<![0-9A-Z])[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}(?![0-9A-Z])")]
    private static partial Regex AccessCode();
}
