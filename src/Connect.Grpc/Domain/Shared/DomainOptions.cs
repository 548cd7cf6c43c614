namespace Connect.Grpc.Domain;

/// <summary>The fund's own organisation, created on first start. Bound from <c>Connect:Fund</c>.</summary>
public sealed class FundOptions
{
    /// <summary>The fund's name; default "Caisse de compensation".</summary>
    public string Name { get; set; } = "Caisse de compensation";

    /// <summary>The fund organisation's affiliate number; default "FUND".</summary>
    public string AffiliateNumber { get; set; } = "FUND";
}

/// <summary>Addresses that go into e-mails and letters. Bound from <c>Connect:Links</c>.</summary>
public sealed class LinkOptions
{
    /// <summary>The console's public address; default <c>http://127.0.0.1:8080</c>.</summary>
    public string ConsoleBaseUrl { get; set; } = "http://127.0.0.1:8080";

    public string RegistrationUri(string formattedAccessCode) =>
        $"{ConsoleBaseUrl.TrimEnd('/')}/register?code={Uri.EscapeDataString(formattedAccessCode)}";

    /// <summary>The registration page without a code, for people who type the code themselves (a letter prints both).</summary>
    public string RegistrationPageUri() => $"{ConsoleBaseUrl.TrimEnd('/')}/register";

    public string ActivationUri(string formattedActivationCode) =>
        $"{ConsoleBaseUrl.TrimEnd('/')}/activate?code={Uri.EscapeDataString(formattedActivationCode)}";

    public string EmailLinkUri(string linkToken) =>
        $"{ConsoleBaseUrl.TrimEnd('/')}/register/email-link?token={Uri.EscapeDataString(linkToken)}";
}

/// <summary>Where SMS may go. Bound from <c>Connect:Phone</c>.</summary>
public sealed class PhoneOptions
{
    /// <summary>ISO country codes of allowed mobile numbers; default CH, LI, DE, FR, IT, AT.</summary>
    public List<string> AllowedCountries { get; set; } = [];

    /// <summary>The region assumed for numbers typed without a country code; default CH.</summary>
    public string DefaultRegion { get; set; } = "CH";

    public IReadOnlyList<string> EffectiveAllowedCountries => AllowedCountries.Count > 0 ? AllowedCountries : ["CH", "LI", "DE", "FR", "IT", "AT"];
}
