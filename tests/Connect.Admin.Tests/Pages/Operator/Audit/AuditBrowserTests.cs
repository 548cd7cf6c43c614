using System.Text;
using Connect.Admin.Tests.Infrastructure;
using Connect.Admin.Tests.Pages.Operator.Support;
using Connect.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Admin.Tests.Pages.Operator.Audit;

/// <summary>
/// The audit log finds a support action by the person it concerns (typed as an e-mail address) and its action, with
/// the operator's name and reason, and exports exactly that as a CSV download; an inverted period is refused.
/// </summary>
[Collection(FundStaffCollection.Name)]
public sealed class AuditBrowserTests(ConnectSystem system)
{
    private static readonly TestPerson Marco =
        new("Marco", "Rossi", "marco.rossi@rossi.example.ch", "+41 79 600 00 21", "Marco cerca il suo telefono");

    private const string Reason = "Telefono rubato, chiamata del 28 novembre";

    private HeadlessChromium Browser => system.Browser;

    [Fact]
    public Task AnOrganisationsCreation_ReadsInWords_FieldsAndTopicsByName_NoEmptyDetail() => system.RunAsync(async () =>
    {
        var fundOperator = await system.OperatorAsync();
        using (var asOperator = system.Client(fundOperator.SessionToken))
        {
            var contact = new Connect.V1.OrganizationContact { PersonName = "Lea Meier", PostalCode = "3011", Locality = "Bern" };
            contact.AddressLines.Add("Marktgasse 1");
            await asOperator.GetRequiredService<ConnectOrganizationClient>()
                .CreateOrganizationAsync("Velos Meier GmbH", "700.800.900", ["contributions"], Connect.V1.Language.De, contact);
        }
        await FundStaffCollection.SignInAsOperatorAsync(system);

        Browser.Open(system.ConsoleUrl("/operator/audit?action=organization.created"));
        var details = Browser.Texts(".audit-event .event-details").First(d => d.Contains("Velos Meier GmbH", StringComparison.Ordinal));

        Assert.Contains("Numéro d'affilié : 700.800.900", details);
        Assert.Contains("Adresse : Marktgasse 1", details);
        Assert.Contains("Langue : Deutsch", details);
        Assert.Contains("Thèmes : Cotisations", details);
        Assert.DoesNotContain("contact.", details);
        Assert.DoesNotContain("affiliate_number", details);
        Assert.DoesNotContain(" : \n", details + "\n");
        Assert.Contains("Organisation", Browser.Text(".audit-event .event-target"));
    });

    [Fact]
    public Task ASupportReset_IsFoundByPersonAndAction_AndExportedAsCsv() => system.RunAsync(async () =>
    {
        var marco = await system.RegisterAsync(Marco);
        var fundOperator = await system.OperatorAsync();
        using (var asOperator = system.Client(fundOperator.SessionToken))
        {
            var support = asOperator.GetRequiredService<ConnectSupportClient>();
            var found = await support.SearchPersonsAsync(Marco.Email);
            await support.ResetSecondFactorAsync(Assert.Single(found.Persons).Id, Reason);
        }
        await FundStaffCollection.SignInAsOperatorAsync(system);

        Browser.Click("#operator-audit");
        Browser.ExpectPath("/operator/audit");
        Browser.Fill("person", Marco.Email.ToUpperInvariant());
        Browser.Fill("action", "person.second_factor_reset");
        Browser.Submit("#audit-filter button[type=submit]");
        Assert.Equal("Marco Rossi", Browser.Text(".found-person"));
        Assert.Single(Browser.Texts("#audit-events .audit-event"));
        Assert.Contains("Second facteur réinitialisé", Browser.Text(".audit-event .event-action"));
        Assert.Contains("person.second_factor_reset", Browser.Text(".audit-event .event-action"));
        Assert.Equal(fundOperator.Name, Browser.Text(".audit-event .event-actor"));
        Assert.Contains("Motif : " + Reason, Browser.Text(".audit-event .event-details"));
        Assert.Contains("Personne", Browser.Text(".audit-event .event-target"));

        // "Exporter (CSV)": the same filter, as a file.
        var file = await Browser.DownloadAsync("#export-csv");
        Assert.EndsWith(".csv", file);
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,time,action,", lines[0]);
        var exported = Assert.Single(lines[1..]);
        Assert.Contains("person.second_factor_reset", exported);
        Assert.Contains(Reason, exported);
        Assert.Contains(fundOperator.Name, exported);
        Assert.Contains(Browser.Attribute(".audit-event", "data-event-id"), exported);

        // A period that ends before it starts.
        Browser.Open(system.ConsoleUrl($"/operator/audit?person={Uri.EscapeDataString(marco.Email)}&from=2030-01-10&to=2030-01-01"));
        Assert.Contains("La période n'est pas valable", Browser.Text(".alert-error"));
        Assert.False(Browser.Exists("#audit-events"));
    });
}
