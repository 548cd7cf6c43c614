using Connect.Grpc.Letters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Tests.Invitations;

/// <summary>The letterhead from configuration (<c>Connect:Letters</c>): logo, fund address, place; checked at start.</summary>
public sealed class LetterOptionsTests
{
    private static readonly string TestLogo = Path.Combine(AppContext.BaseDirectory, "Invitations", "Assets", "test-logo.jpg");

    [Fact]
    public async Task ConfiguredLogoAddressAndPlace_AreOnTheLetter_InsteadOfTheDefaults()
    {
        using var server = new ConnectServerFactory(settings: new Dictionary<string, string?>
        {
            ["Connect:Letters:LogoPath"] = TestLogo,
            ["Connect:Letters:FundAddress:0"] = "Ausgleichskasse Beispiel",
            ["Connect:Letters:FundAddress:1"] = "Postfach 77",
            ["Connect:Letters:FundAddress:2"] = "8000 Zürich",
            ["Connect:Letters:Place:de"] = "Zürich",
        });
        var registrar = new Registrar(server, server.CreateChannel());
        var operatorToken = await registrar.Operator();
        var organization = await registrar.Organization(operatorToken, "402.001");
        server.SetContact(organization.Id, OrganizationSetup.Address(), "de");

        var letter = await registrar.Letter(operatorToken, organization.Id);

        var page = Assert.Single(LetterPdf.Read(letter.LetterPdf.ToByteArray()));
        Assert.Contains("Ausgleichskasse Beispiel Postfach 77 8000 Zürich", page.Text);
        Assert.Contains("Ausgleichskasse Beispiel, Postfach 77, 8000 Zürich", page.Text); // the return address in the window
        Assert.DoesNotContain("Case postale", page.Text); // the configured lines replace the default ones
        Assert.Contains("Zürich, ", page.Text);
        Assert.Contains(page.Images, i => (i.Width, i.Height) == (240, 80)); // the configured JPEG
        Assert.DoesNotContain(page.Images, i => (i.Width, i.Height) == (1200, 360)); // not the shipped logo
    }

    [Fact]
    public void DefaultLetterhead_IsValid()
    {
        using var services = Letters([]);

        var options = services.GetRequiredService<IOptions<LetterOptions>>().Value;
        Assert.Null(options.LogoPath);
        Assert.Equal(["Caisse de compensation", "Département Contributions", "Case postale", "3001 Berne"], options.EffectiveFundAddress);
        Assert.Equal("Berna", options.PlaceIn("it"));
    }

    [Theory]
    [InlineData("/nonexistent/logo.png", "does not exist")]
    [InlineData("SELF", "neither a PNG nor a JPEG")]
    public void BadLogoPath_IsRefused(string path, string message)
    {
        using var services = Letters(new() { ["Connect:Letters:LogoPath"] = path == "SELF" ? typeof(LetterOptionsTests).Assembly.Location : path });

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LetterOptions>>().Value);
        Assert.Contains(message, refused.Message);
    }

    [Fact]
    public void TooManyFundAddressLines_AreRefused()
    {
        var settings = Enumerable.Range(0, 7).ToDictionary(i => $"Connect:Letters:FundAddress:{i}", i => (string?)$"Line {i}");
        using var services = Letters(settings);

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LetterOptions>>().Value);
    }

    [Fact]
    public void MissingLogoFile_StopsTheServerAtStart()
    {
        using var server = new ConnectServerFactory(settings: new Dictionary<string, string?> { ["Connect:Letters:LogoPath"] = "/nonexistent/logo.png" });

        var refused = Assert.ThrowsAny<Exception>(() => server.Server);
        Assert.Contains("Connect:Letters:LogoPath", refused.ToString());
    }

    private static ServiceProvider Letters(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddConnectLetters(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
