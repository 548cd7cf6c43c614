using System.Text.RegularExpressions;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>An organisation's contact as typed, before <c>OrganizationInput.Contact</c> checked it.</summary>
internal sealed record ContactInput(string? PersonName, IReadOnlyList<string> AddressLines, string? PostalCode, string? Locality,
    string? CountryCode, string? Email, string? PhoneNumber)
{
    public static readonly ContactInput Empty = new(null, [], null, null, null, null, null);
}

/// <summary>One thing wrong with an input field, with its stable reason.</summary>
internal sealed record InputProblem(string Field, string Description, ErrorReason Reason);

/// <summary>
/// The checks of an organisation's fields, in one place for every way an organisation is made or changed (create,
/// update, a CSV import). Each check names the field as the caller knows it: <c>contact.postal_code</c> for a
/// request, the column <c>postal_code</c> for a file. Checks collect every problem instead of stopping at the first,
/// so that a request names all its bad fields and a file's preview all problems of a row.
/// </summary>
internal static partial class OrganizationInput
{
    public const int MaxAddressLines = 3;
    public const int MaxPostalCodeLength = 16;
    public const int MaxPhoneLength = 32;
    public const string DefaultCountry = "CH";

    [GeneratedRegex("^[A-Z0-9./-]{1,32}$")]
    private static partial Regex AffiliateNumberPattern();

    [GeneratedRegex("^[\\p{L}\\p{Nd} -]*$")]
    private static partial Regex PostalCodePattern();

    /// <summary>The canonical field names of this class; a caller maps them to its own.</summary>
    public static class Fields
    {
        public const string DisplayName = "display_name";
        public const string AffiliateNumber = "affiliate_number";
        public const string PersonName = "person_name";
        public const string AddressLines = "address_lines";
        public const string PostalCode = "postal_code";
        public const string Locality = "locality";
        public const string CountryCode = "country_code";
        public const string Email = "email";
        public const string PhoneNumber = "phone_number";
    }

    public static string DisplayName(string field, string? value) => Validate.Name(field, value, Validate.MaxOrganizationNameLength);

    /// <summary>Upper-cased and trimmed: 1 to 32 letters, digits, dots, hyphens or slashes.</summary>
    public static string AffiliateNumber(string field, string? typed)
    {
        var number = (typed ?? "").Trim().ToUpperInvariant();
        if (number.Length == 0) throw ConnectException.Field(field, "must not be empty");
        if (!AffiliateNumberPattern().IsMatch(number))
            throw ConnectException.Field(field, "must be 1 to 32 letters, digits, dots, hyphens or slashes");
        return number;
    }

    /// <summary>True when <paramref name="typed"/> could be (the start of) an affiliate number.</summary>
    public static bool LooksLikeAffiliateNumber(string typed) => AffiliateNumberPattern().IsMatch(typed.Trim().ToUpperInvariant());

    /// <summary>
    /// The checked contact, trimmed, country upper-cased ("CH" when empty); every problem goes to
    /// <paramref name="problems"/> under the name <paramref name="name"/> gives the canonical field.
    /// </summary>
    public static OrganizationContact Contact(ContactInput input, Func<string, string> name, List<InputProblem> problems)
    {
        var contact = new OrganizationContact
        {
            PersonName = Check(problems, () => Optional(name(Fields.PersonName), input.PersonName, Validate.MaxNameLength)) ?? "",
            PostalCode = Check(problems, () => PostalCode(name(Fields.PostalCode), input.PostalCode)) ?? "",
            Locality = Check(problems, () => Optional(name(Fields.Locality), input.Locality, Validate.MaxNameLength)) ?? "",
            CountryCode = Check(problems, () => Country(name(Fields.CountryCode), input.CountryCode)) ?? DefaultCountry,
            Email = Check(problems, () => string.IsNullOrWhiteSpace(input.Email) ? "" : Validate.Email(name(Fields.Email), input.Email)) ?? "",
            PhoneNumber = Check(problems, () => Optional(name(Fields.PhoneNumber), input.PhoneNumber, MaxPhoneLength)) ?? "",
        };
        contact.AddressLines = Check(problems, () => AddressLines(name(Fields.AddressLines), input.AddressLines)) ?? [];
        return contact;
    }

    /// <summary>The contact of a request, or INVALID_ARGUMENT <c>FIELD_INVALID</c> naming every bad field.</summary>
    public static OrganizationContact Contact(ContactInput? input, string prefix)
    {
        var problems = new List<InputProblem>();
        var contact = Contact(input ?? ContactInput.Empty, field => prefix + field, problems);
        ThrowIfAny(problems);
        return contact;
    }

    /// <summary>Runs one check; its problem is collected and the result is null.</summary>
    public static T? Check<T>(List<InputProblem> problems, Func<T> check) where T : class
    {
        try
        {
            return check();
        }
        catch (ConnectException exception) when (exception.Violations.Count > 0)
        {
            problems.AddRange(exception.Violations.Select(v => new InputProblem(v.Field, v.Description, exception.Reason)));
            return null;
        }
    }

    /// <summary>INVALID_ARGUMENT with every problem as a field violation; the first problem's reason.</summary>
    public static void ThrowIfAny(IReadOnlyList<InputProblem> problems)
    {
        if (problems.Count == 0) return;
        throw new ConnectException(problems[0].Reason, string.Join("; ", problems.Select(p => $"{p.Field}: {p.Description}")))
        {
            Violations = problems.Select(p => new FieldViolation(p.Field, p.Description)).ToList(),
        };
    }

    private static string Optional(string field, string? value, int max)
    {
        var trimmed = (value ?? "").Trim();
        return trimmed.Length == 0 ? "" : Validate.Name(field, trimmed, max);
    }

    private static string PostalCode(string field, string? value)
    {
        var trimmed = (value ?? "").Trim();
        if (trimmed.Length > MaxPostalCodeLength || !PostalCodePattern().IsMatch(trimmed))
            throw ConnectException.Field(field, $"must be at most {MaxPostalCodeLength} letters, digits, spaces or hyphens");
        return trimmed;
    }

    private static string Country(string field, string? value)
    {
        var trimmed = (value ?? "").Trim();
        if (trimmed.Length == 0) return DefaultCountry;
        if (trimmed.Length != 2 || !trimmed.All(char.IsAsciiLetter)) throw ConnectException.Field(field, "must be a two-letter country code such as CH");
        return trimmed.ToUpperInvariant();
    }

    private static List<string> AddressLines(string field, IReadOnlyList<string> lines)
    {
        if (lines.Count > MaxAddressLines) throw ConnectException.Field(field, $"must have at most {MaxAddressLines} lines");
        return lines.Select(line => Validate.Name(field, line)).ToList();
    }
}
