using System.Globalization;
using Connect.Grpc.Domain;

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

/// <summary>
/// Every text of the invitation letter in fr, de, it and en, in this one place. French follows the wording of the
/// fund's guide ("Code d'accès", "lien d'enregistrement"); the others follow the invitation e-mail's words.
/// </summary>
public static class LetterTexts
{
    public static LetterText For(string? language) => Languages.OrDefault(language?.ToLowerInvariant()) switch
    {
        "de" => German,
        "it" => Italian,
        "en" => English,
        _ => French,
    };

    /// <summary>
    /// The country line of a foreign address, in capitals as the post wants it: the neighbours in the letter's
    /// language, any other country by its English name, an unknown code as it is.
    /// </summary>
    public static string CountryName(LetterText text, string countryCode)
    {
        var code = countryCode.Trim().ToUpperInvariant();
        if (text.Countries.TryGetValue(code, out var name)) return name;
        try
        {
            return new RegionInfo(code).EnglishName.ToUpperInvariant();
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    private static readonly LetterText French = new(
        Subject: "Votre accès au portail connect",
        Salutation: "Madame, Monsieur,",
        Introduction: "Nous avons créé pour votre entreprise l'accès au portail connect. Cette lettre contient le code d'accès "
            + "de l'administrateur ou de l'administratrice connect : avec ce code, vous vous enregistrez "
            + "en quelques minutes, puis vous autorisez vous-même vos collaborateurs.",
        CodeLabel: "Votre code d'accès",
        AddressLabel: "Adresse d'enregistrement",
        ValidUntil: date => $"Valable jusqu'au {date}",
        QrCaption: "Scannez ce code QR : il ouvre la page d'enregistrement avec votre code d'accès.",
        StepsTitle: "Comment vous enregistrer",
        Steps:
        [
            "Ouvrez l'adresse d'enregistrement dans votre navigateur, ou scannez le code QR ; la fenêtre « Code d'accès » s'ouvre.",
            "Saisissez le code d'accès de cette lettre (les tirets sont facultatifs).",
            "Saisissez votre adresse e-mail en tant qu'administrateur : vous recevrez un e-mail avec un lien et un code. "
            + "Suivez ensuite les étapes : profil, mot de passe et numéro de mobile, confirmé par un code SMS.",
        ],
        Caution: "Le code d'accès ne peut être utilisé qu'une seule fois. Conservez cette lettre en lieu sûr et ne transmettez "
            + "le code qu'à la personne qui administrera connect pour votre entreprise.",
        Closing: "Meilleures salutations",
        SupportIntroduction: "Vous avez des questions ? Nous y répondons volontiers :",
        LanguagesLabel: "Langues :",
        PlaceAndDate: (place, date) => $"{place}, le {date}",
        ForTheAttentionOf: person => $"À l'att. de {person}",
        Countries: new Dictionary<string, string>
        {
            ["LI"] = "LIECHTENSTEIN", ["DE"] = "ALLEMAGNE", ["FR"] = "FRANCE", ["IT"] = "ITALIE", ["AT"] = "AUTRICHE",
        });

    private static readonly LetterText German = new(
        Subject: "Ihr Zugang zum Portal connect",
        Salutation: "Sehr geehrte Damen und Herren",
        Introduction: "Wir haben für Ihr Unternehmen den Zugang zum Portal connect eingerichtet. Dieser Brief enthält den Zugangscode "
            + "für die Administratorin oder den Administrator von connect: Mit diesem Code registrieren Sie "
            + "sich in wenigen Minuten und berechtigen danach Ihre Mitarbeitenden selbst.",
        CodeLabel: "Ihr Zugangscode",
        AddressLabel: "Registrierungsadresse",
        ValidUntil: date => $"Gültig bis am {date}",
        QrCaption: "Scannen Sie diesen QR-Code: Er öffnet die Registrierungsseite mit Ihrem Zugangscode.",
        StepsTitle: "So registrieren Sie sich",
        Steps:
        [
            "Öffnen Sie die Registrierungsadresse in Ihrem Browser oder scannen Sie den QR-Code; das Fenster «Zugangscode» öffnet sich.",
            "Geben Sie den Zugangscode dieses Briefes ein (die Bindestriche können Sie weglassen).",
            "Geben Sie Ihre E-Mail-Adresse als Administratorin oder Administrator ein: Sie erhalten eine E-Mail mit einem Link "
            + "und einem Code. Folgen Sie danach den Schritten: Profil, Passwort und Mobilnummer, bestätigt mit einem SMS-Code.",
        ],
        Caution: "Der Zugangscode kann nur einmal verwendet werden. Bewahren Sie diesen Brief sicher auf und geben Sie den Code "
            + "nur der Person weiter, die connect für Ihr Unternehmen verwalten wird.",
        Closing: "Freundliche Grüsse",
        SupportIntroduction: "Haben Sie Fragen? Wir helfen Ihnen gerne:",
        LanguagesLabel: "Sprachen:",
        PlaceAndDate: (place, date) => $"{place}, {date}",
        ForTheAttentionOf: person => $"z. H. {person}",
        Countries: new Dictionary<string, string>
        {
            ["LI"] = "LIECHTENSTEIN", ["DE"] = "DEUTSCHLAND", ["FR"] = "FRANKREICH", ["IT"] = "ITALIEN", ["AT"] = "ÖSTERREICH",
        });

    private static readonly LetterText Italian = new(
        Subject: "Il Suo accesso al portale connect",
        Salutation: "Gentili signore, egregi signori,",
        Introduction: "Abbiamo creato per la Sua azienda l'accesso al portale connect. Questa lettera contiene il codice d'accesso "
            + "per l'amministratrice o l'amministratore di connect: con questo codice si registra in pochi "
            + "minuti e poi autorizza Lei stessa/o i Suoi collaboratori.",
        CodeLabel: "Il Suo codice d'accesso",
        AddressLabel: "Indirizzo di registrazione",
        ValidUntil: date => $"Valido fino al {date}",
        QrCaption: "Scansioni questo codice QR: apre la pagina di registrazione con il Suo codice d'accesso.",
        StepsTitle: "Come registrarsi",
        Steps:
        [
            "Apra l'indirizzo di registrazione nel Suo browser o scansioni il codice QR; si apre la finestra «Codice d'accesso».",
            "Inserisca il codice d'accesso di questa lettera (i trattini sono facoltativi).",
            "Inserisca il Suo indirizzo e-mail come amministratrice o amministratore: riceverà un'e-mail con un link e un codice. "
            + "Segua poi i passi: profilo, password e numero di cellulare, confermato con un codice SMS.",
        ],
        Caution: "Il codice d'accesso può essere utilizzato una sola volta. Conservi questa lettera in un luogo sicuro e comunichi "
            + "il codice solo alla persona che amministrerà connect per la Sua azienda.",
        Closing: "Cordiali saluti",
        SupportIntroduction: "Ha domande? Siamo volentieri a Sua disposizione:",
        LanguagesLabel: "Lingue:",
        PlaceAndDate: (place, date) => $"{place}, {date}",
        ForTheAttentionOf: person => $"All'att. di {person}",
        Countries: new Dictionary<string, string>
        {
            ["LI"] = "LIECHTENSTEIN", ["DE"] = "GERMANIA", ["FR"] = "FRANCIA", ["IT"] = "ITALIA", ["AT"] = "AUSTRIA",
        });

    private static readonly LetterText English = new(
        Subject: "Your access to the connect portal",
        Salutation: "Dear Sir or Madam,",
        Introduction: "We have set up access to the connect portal for your company. This letter holds the access code for "
            + "the connect administrator: with it you register in a few minutes, and then you authorise your staff yourself.",
        CodeLabel: "Your access code",
        AddressLabel: "Registration address",
        ValidUntil: date => $"Valid until {date}",
        QrCaption: "Scan this QR code: it opens the registration page with your access code.",
        StepsTitle: "How to register",
        Steps:
        [
            "Open the registration address in your browser, or scan the QR code; the \"Access code\" window opens.",
            "Enter the access code of this letter (the hyphens are optional).",
            "Enter your e-mail address as the administrator: you will receive an e-mail with a link and a code. "
            + "Then follow the steps: profile, password and mobile number, confirmed by an SMS code.",
        ],
        Caution: "The access code can be used only once. Keep this letter in a safe place and give the code only to the person "
            + "who will administer connect for your company.",
        Closing: "Kind regards",
        SupportIntroduction: "Any questions? We are happy to help:",
        LanguagesLabel: "Languages:",
        PlaceAndDate: (place, date) => $"{place}, {date}",
        ForTheAttentionOf: person => $"Attn. {person}",
        Countries: new Dictionary<string, string>
        {
            ["LI"] = "LIECHTENSTEIN", ["DE"] = "GERMANY", ["FR"] = "FRANCE", ["IT"] = "ITALY", ["AT"] = "AUSTRIA",
        });
}
