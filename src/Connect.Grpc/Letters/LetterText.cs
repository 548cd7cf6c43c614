namespace Connect.Grpc.Letters;

/// <summary>
/// The words of an invitation letter in one language; the parts that take a value are functions of it. No text varies
/// with the organisation (its name is in the address), so every letter of a language has the same length and fits its page.
/// </summary>
public sealed record LetterText(
    string Subject,
    string Salutation,
    string Introduction,
    string CodeLabel,
    string AddressLabel,
    Func<string, string> ValidUntil,
    string QrCaption,
    string StepsTitle,
    IReadOnlyList<string> Steps,
    string Caution,
    string Closing,
    string SupportIntroduction,
    string LanguagesLabel,
    Func<string, string, string> PlaceAndDate,
    Func<string, string> ForTheAttentionOf,
    IReadOnlyDictionary<string, string> Countries);
