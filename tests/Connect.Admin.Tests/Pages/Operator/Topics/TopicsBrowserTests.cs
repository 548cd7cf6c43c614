using Connect.Admin.Tests.Infrastructure;
using Connect.Admin.Tests.Pages.Operator.Support;

namespace Connect.Admin.Tests.Pages.Operator.Topics;

/// <summary>
/// The fund keeps its topic catalogue: an operator adds a topic with its names in four languages (not twice), renames
/// it, and retires it after a confirmation that says it cannot be undone; the retired topic stays listed as such.
/// </summary>
[Collection(FundStaffCollection.Name)]
public sealed class TopicsBrowserTests(ConnectSystem system)
{
    private const string Id = "maternity-allowances";

    private HeadlessChromium Browser => system.Browser;

    [Fact]
    public Task Operator_AddsRenamesAndRetiresATopic() => system.RunAsync(async () =>
    {
        await FundStaffCollection.SignInAsOperatorAsync(system);
        Browser.Click("#operator-topics");
        Browser.ExpectPath("/operator/topics");
        Assert.Contains("contributions", Browser.Texts("#topics .topic-id"));

        AddTopic("Allocations de maternité");
        Assert.Contains($"Le thème « Allocations de maternité » ({Id}) a été ajouté.", Browser.MainText);
        Assert.Equal("En usage", Browser.Text($"tr[data-topic-id='{Id}'] .topic-state"));

        // The same id again, even with other names.
        AddTopic("Maternité");
        Assert.Contains("Un thème avec cet identifiant existe déjà", Browser.ErrorMessage("#add-topic .field-error"));

        Browser.Click($"tr[data-topic-id='{Id}'] .topic-edit");
        Browser.ExpectPath($"/operator/topics/{Id}");
        Assert.Equal("Mutterschaftsentschädigung", Browser.ValueOf("Input.De"));
        Browser.Fill("Input.Fr", "Allocation de maternité");
        Browser.Fill("Input.En", "Maternity allowance");
        Browser.Submit("#rename-topic button[type=submit]");
        Browser.ExpectPath("/operator/topics");
        Assert.Contains($"Le thème {Id} s'appelle désormais « Allocation de maternité ».", Browser.MainText);
        Assert.Equal("Allocation de maternité", Browser.Text($"tr[data-topic-id='{Id}'] .topic-name"));

        Browser.Click($"tr[data-topic-id='{Id}'] .topic-edit");
        Browser.Click("#retire-topic");
        Browser.ExpectPath($"/operator/topics/{Id}/retire");
        var warning = Browser.Text("#retire-warning");
        Assert.Contains("ne peut pas être annulée", warning);
        Assert.Contains("disparaîtra des droits de toutes les personnes et organisations", warning);
        Browser.Submit("#retire-topic button[type=submit]");
        Browser.ExpectPath("/operator/topics");
        Assert.Contains($"Le thème « Allocation de maternité » ({Id}) a été retiré.", Browser.MainText);
        Assert.StartsWith("Retiré le ", Browser.Text($"tr[data-topic-id='{Id}'] .topic-state"));
        Assert.Contains("topic-retired", Browser.Attribute($"tr[data-topic-id='{Id}']", "class"));
        Assert.False(Browser.Exists($"tr[data-topic-id='{Id}'] .topic-edit"));
    });

    private void AddTopic(string frenchName)
    {
        Browser.Fill("Input.TopicId", Id);
        Browser.Fill("Input.Fr", frenchName);
        Browser.Fill("Input.De", "Mutterschaftsentschädigung");
        Browser.Fill("Input.It", "Indennità di maternità");
        Browser.Fill("Input.En", "Maternity allowances");
        Browser.Submit("#add-topic button[type=submit]");
    }
}
