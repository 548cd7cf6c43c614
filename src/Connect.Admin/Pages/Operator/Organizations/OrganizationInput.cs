using System.ComponentModel.DataAnnotations;
using Connect.Admin.Hosting;
using Connect.V1;

namespace Connect.Admin.Pages.Operator.Organizations;

/// <summary>
/// The fields of "Nouvelle organisation" and "Editer". Limits beyond "required" are Connect's: it names the field it
/// refuses, and the form shows the refusal next to it.
/// </summary>
public sealed class OrganizationInput
{
    [Required(ErrorMessage = "Required.Operator.Organizations.Field.DisplayName")]
    [Display(Name = "Operator.Organizations.Field.DisplayName")]
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Required when creating (checked by that page); an organisation keeps its number.</summary>
    [Display(Name = "Operator.Organizations.Field.AffiliateNumber")]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string AffiliateNumber { get; set; } = string.Empty;

    [Display(Name = "Operator.Organizations.Field.Language")]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Language { get; set; } = ConsoleCultures.Default;

    [Display(Name = "Operator.Organizations.Field.Topics")]
    public List<string> TopicIds { get; set; } = [];

    [Display(Name = "Operator.Organizations.Field.PersonName")]
    public string? PersonName { get; set; }

    /// <summary>Street and number, post-office box: one to three lines.</summary>
    [Display(Name = "Operator.Organizations.Field.AddressLines")]
    public string? AddressLines { get; set; }

    [Display(Name = "Operator.Organizations.Field.PostalCode")]
    public string? PostalCode { get; set; }

    [Display(Name = "Operator.Organizations.Field.Locality")]
    public string? Locality { get; set; }

    [Display(Name = "Operator.Organizations.Field.CountryCode")]
    public string? CountryCode { get; set; }

    [EmailAddress(ErrorMessage = "Validation.Email")]
    [Display(Name = "Operator.Organizations.Field.Email")]
    public string? Email { get; set; }

    [Display(Name = "Operator.Organizations.Field.PhoneNumber")]
    public string? PhoneNumber { get; set; }

    /// <summary>Whom the fund requires to sign in with a passkey: "none", "administrators" or "everyone" ("Editer" only).</summary>
    [Display(Name = "Operator.Organizations.Field.PasskeyPolicy")]
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string PasskeyPolicy { get; set; } = PasskeyPolicies.None;

    /// <summary>The organisation's etag when "Editer" was shown.</summary>
    [DisplayFormat(ConvertEmptyStringToNull = false)]
    public string Etag { get; set; } = string.Empty;

    public OrganizationContact ToContact()
    {
        var contact = new OrganizationContact
        {
            PersonName = Clean(PersonName),
            PostalCode = Clean(PostalCode),
            Locality = Clean(Locality),
            CountryCode = Clean(CountryCode).ToUpperInvariant(),
            Email = Clean(Email),
            PhoneNumber = Clean(PhoneNumber),
        };
        contact.AddressLines.AddRange(Lines(AddressLines));
        return contact;
    }

    public static OrganizationInput From(Organization organization)
    {
        var contact = organization.Contact ?? new OrganizationContact();
        return new OrganizationInput
        {
            DisplayName = organization.DisplayName,
            AffiliateNumber = organization.AffiliateNumber,
            Language = ConsoleCultures.ToCulture(organization.Language),
            TopicIds = [.. organization.TopicIds],
            PersonName = contact.PersonName,
            AddressLines = string.Join('\n', contact.AddressLines),
            PostalCode = contact.PostalCode,
            Locality = contact.Locality,
            CountryCode = contact.CountryCode,
            Email = contact.Email,
            PhoneNumber = contact.PhoneNumber,
            Etag = organization.Etag,
            PasskeyPolicy = PasskeyPolicies.Name(organization.PasskeyPolicy),
        };
    }

    /// <summary>The non-empty lines of a text area, trimmed.</summary>
    public static IEnumerable<string> Lines(string? text) =>
        (text ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    private static string Clean(string? text) => text?.Trim() ?? string.Empty;
}
