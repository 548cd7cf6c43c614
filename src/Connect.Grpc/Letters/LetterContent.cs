using Connect.Grpc.Domain;
using Connect.Grpc.Messaging;
using LinkOptions = Connect.Grpc.Domain.LinkOptions;

namespace Connect.Grpc.Letters;

/// <summary>Everything one letter prints, chosen and worded; <see cref="LetterPage"/> only places it.</summary>
internal sealed record LetterContent(
    LetterText Text,
    IReadOnlyList<string> FundAddress,
    IReadOnlyList<string> Recipient,
    string PlaceAndDate,
    string AccessCode,
    string RegistrationPage,
    string RegistrationUri,
    string ValidUntil,
    string Signature,
    IReadOnlyList<string> Support)
{
    public static LetterContent For(InvitationLetter letter, LetterOptions options, SupportOptions support, LinkOptions links, string fundName)
    {
        var organization = letter.Organization;
        var language = Languages.OrDefault(organization.Language);
        var text = LetterTexts.For(language);
        var issued = letter.Invitation;
        return new LetterContent(
            text,
            options.EffectiveFundAddress,
            RecipientLines(organization, text),
            text.PlaceAndDate(options.PlaceIn(language), SwissTime.Date(issued.Invitation.CreatedAt)),
            issued.FormattedCode,
            links.RegistrationPageUri(),
            issued.RegistrationUri,
            text.ValidUntil(SwissTime.Date(issued.Invitation.ExpiresAt)),
            fundName,
            SupportLines(text, language, support));
    }

    /// <summary>The address in the envelope's window: organisation, contact person, street lines, locality, country.</summary>
    private static List<string> RecipientLines(Organization organization, LetterText text)
    {
        var contact = organization.Contact;
        var lines = new List<string> { organization.DisplayName };
        if (!string.IsNullOrWhiteSpace(contact.PersonName)) lines.Add(text.ForTheAttentionOf(contact.PersonName.Trim()));
        lines.AddRange(contact.AddressLines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()));
        lines.Add($"{contact.PostalCode.Trim()} {contact.Locality.Trim()}".Trim());
        var country = string.IsNullOrWhiteSpace(contact.CountryCode) ? "CH" : contact.CountryCode.Trim().ToUpperInvariant();
        if (country != "CH") lines.Add(LetterTexts.CountryName(text, country));
        return lines;
    }

    private static List<string> SupportLines(LetterText text, string language, SupportOptions support)
    {
        var contact = string.Join(" · ", new[] { support.DepartmentIn(language), support.Phone, support.HoursIn(language), support.Email }
            .Where(part => !string.IsNullOrWhiteSpace(part)));
        return [text.SupportIntroduction, contact, $"{text.LanguagesLabel} {support.LanguageNames()}"];
    }
}
