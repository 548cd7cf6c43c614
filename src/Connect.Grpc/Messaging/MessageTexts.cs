using Connect.Grpc.Domain;

namespace Connect.Grpc.Messaging;

/// <summary>
/// Every subject and body Connect sends, in fr, de, it and en, in this one place. Plain text only: no HTML to
/// escape, nothing for a mail client to hide. French follows the wording of the fund's guide.
/// </summary>
public static class MessageTexts
{
    /// <summary>The validity the SMS states: the domain's rule itself, so the text cannot drift from it.</summary>
    private static int PhoneCodeValidityMinutes => (int)Domain.CodeChallenges.Validity.TotalMinutes;

    /// <summary>Renders <paramref name="message"/> in its language (French when the language is unknown).</summary>
    public static RenderedMessage Render(Message message, SupportOptions support, DateTime nowUtc)
    {
        var language = Languages.OrDefault(message.Language?.ToLowerInvariant());
        return message switch
        {
            InvitationEmail m => new(MessageChannel.Email, m.To, InvitationSubject(language, m),
                InvitationBody(language, m) + Footer(language, support)),
            EmailCodeEmail m => new(MessageChannel.Email, m.To, EmailCodeSubject(language),
                EmailCodeBody(language, m, nowUtc) + Footer(language, support)),
            PasswordResetEmail m => new(MessageChannel.Email, m.To, PasswordResetSubject(language),
                PasswordResetBody(language, m, nowUtc) + Footer(language, support)),
            AccountChangedEmail m => new(MessageChannel.Email, m.To, AccountChangedSubject(language, m.Change),
                AccountChangedBody(language, m) + Footer(language, support)),
            ActivationEmail m => new(MessageChannel.Email, m.To, ActivationSubject(language, m),
                ActivationBody(language, m) + Footer(language, support)),
            MembershipInvitationEmail m => new(MessageChannel.Email, m.To, MembershipInvitationSubject(language, m),
                MembershipInvitationBody(language, m) + Footer(language, support)),
            PhoneCodeSms m => new(MessageChannel.Sms, m.To, "", PhoneCodeText(language, m.Code)),
            MemberPhoneCodeSms m => new(MessageChannel.Sms, m.To, "", MemberPhoneCodeText(language, m)),
            // The type name only: a message's fields may carry a code.
            _ => throw new ArgumentException($"No texts for {message.GetType().Name}.", nameof(message)),
        };
    }

    private static string ActivationSubject(string language, ActivationEmail m) => language switch
    {
        "de" => $"Ihr Zugang zu connect – {m.OrganizationName}",
        "it" => $"Il Suo accesso a connect – {m.OrganizationName}",
        "en" => $"Your access to connect – {m.OrganizationName}",
        _ => $"Votre accès à connect – {m.OrganizationName}",
    };

    private static string ActivationBody(string language, ActivationEmail m)
    {
        var validUntil = SwissTime.Date(m.ExpiresAt);
        return language switch
        {
            "de" => $"""
                Guten Tag {m.GivenName}

                Die Administratorin oder der Administrator von {m.OrganizationName} hat Sie für connect berechtigt. Ihre Mobilnummer ist bereits bestätigt.

                1. Öffnen Sie diesen Link und wählen Sie Ihr Passwort:
                   {m.ActivationUri}
                   Oder geben Sie auf der Seite «Zugang aktivieren» diesen Code ein: {m.ActivationCode}
                2. Melden Sie sich danach mit Ihrer E-Mail-Adresse ({m.To}) und Ihrem Passwort an; als zweiten Faktor erhalten Sie einen SMS-Code auf Ihr Mobiltelefon.

                Der Code ist bis am {validUntil} gültig. Geben Sie ihn niemandem weiter.

                Freundliche Grüsse
                """,
            "it" => $"""
                Buongiorno {m.GivenName}

                L'amministratrice o l'amministratore di {m.OrganizationName} L'ha autorizzata/o a usare connect. Il Suo numero di cellulare è già verificato.

                1. Apra questo link e scelga la Sua password:
                   {m.ActivationUri}
                   Oppure inserisca questo codice nella pagina «Attivare l'accesso»: {m.ActivationCode}
                2. Poi acceda con il Suo indirizzo e-mail ({m.To}) e la Sua password; come secondo fattore riceverà un codice SMS sul cellulare.

                Il codice è valido fino al {validUntil}. Non lo comunichi a nessuno.

                Cordiali saluti
                """,
            "en" => $"""
                Hello {m.GivenName}

                The administrator of {m.OrganizationName} has authorised you to use connect. Your mobile number is already verified.

                1. Open this link and choose your password:
                   {m.ActivationUri}
                   Or enter this code on the "Activate your access" page: {m.ActivationCode}
                2. Then sign in with your e-mail address ({m.To}) and your password; as the second factor you receive an SMS code on your mobile phone.

                The code is valid until {validUntil}. Do not share it with anyone.

                Kind regards
                """,
            _ => $"""
                Bonjour {m.GivenName}

                L'administrateur de {m.OrganizationName} vous a autorisé(e) à utiliser connect. Votre numéro de portable est déjà vérifié.

                1. Ouvrez ce lien et choisissez votre mot de passe :
                   {m.ActivationUri}
                   Ou saisissez ce code sur la page « Activer votre accès » : {m.ActivationCode}
                2. Connectez-vous ensuite avec votre adresse e-mail ({m.To}) et votre mot de passe ; comme second facteur, vous recevez un code SMS sur votre portable.

                Le code est valable jusqu'au {validUntil}. Ne le communiquez à personne.

                Meilleures salutations
                """,
        };
    }

    private static string MembershipInvitationSubject(string language, MembershipInvitationEmail m) => language switch
    {
        "de" => $"Zugang zu {m.OrganizationName} in connect: Ihre Zustimmung",
        "it" => $"Accesso a {m.OrganizationName} in connect: il Suo consenso",
        "en" => $"Access to {m.OrganizationName} in connect: your consent",
        _ => $"Accès à {m.OrganizationName} dans connect : votre accord",
    };

    private static string MembershipInvitationBody(string language, MembershipInvitationEmail m)
    {
        var validUntil = SwissTime.Date(m.ExpiresAt);
        return language switch
        {
            "de" => $"""
                Guten Tag {m.GivenName}

                Die Administratorin oder der Administrator von {m.OrganizationName} möchte Ihnen in connect Zugang zu dieser Organisation geben. Ohne Ihre Zustimmung erhält {m.OrganizationName} keine Angaben zu Ihrer Person.

                Melden Sie sich wie gewohnt mit Ihrer E-Mail-Adresse, Ihrem Passwort und Ihrem zweiten Faktor an. Unter «Einladungen» nehmen Sie den Zugang an oder lehnen ihn ab, bis zum {validUntil}.

                Haben Sie diese Einladung nicht erwartet, lehnen Sie sie ab oder wenden Sie sich an uns.

                Freundliche Grüsse
                """,
            "it" => $"""
                Buongiorno {m.GivenName}

                L'amministratrice o l'amministratore di {m.OrganizationName} desidera darLe accesso a questa organizzazione in connect. Senza il Suo consenso {m.OrganizationName} non riceve alcun dato sulla Sua persona.

                Acceda come di consueto con il Suo indirizzo e-mail, la Sua password e il secondo fattore. Alla voce «Inviti» accetti o rifiuti l'accesso, entro il {validUntil}.

                Se non si aspettava questo invito, lo rifiuti o ci contatti.

                Cordiali saluti
                """,
            "en" => $"""
                Hello {m.GivenName}

                The administrator of {m.OrganizationName} would like to give you access to this organisation in connect. Without your consent, {m.OrganizationName} receives no information about you.

                Sign in as usual with your e-mail address, your password and your second factor. Under "Invitations", accept or decline the access by {validUntil}.

                If you did not expect this invitation, decline it or contact us.

                Kind regards
                """,
            _ => $"""
                Bonjour {m.GivenName}

                L'administrateur de {m.OrganizationName} souhaite vous donner accès à cette organisation dans connect. Sans votre accord, {m.OrganizationName} ne reçoit aucune donnée vous concernant.

                Connectez-vous comme d'habitude avec votre adresse e-mail, votre mot de passe et votre second facteur. Sous « Invitations », acceptez ou refusez cet accès, jusqu'au {validUntil}.

                Si vous n'attendiez pas cette invitation, refusez-la ou contactez-nous.

                Meilleures salutations
                """,
        };
    }

    private static string InvitationSubject(string language, InvitationEmail m) => language switch
    {
        "de" => $"Einladung zu connect – {m.OrganizationName}",
        "it" => $"Invito a connect – {m.OrganizationName}",
        "en" => $"Invitation to connect – {m.OrganizationName}",
        _ => $"Invitation à connect – {m.OrganizationName}",
    };

    private static string InvitationBody(string language, InvitationEmail m)
    {
        var validUntil = SwissTime.Date(m.ExpiresAt);
        return language switch
        {
            "de" => $"""
                Guten Tag

                Wir haben für Sie den Zugang zu connect eingerichtet. Diese Einladung gilt für die Administratorin oder den Administrator von connect für {m.OrganizationName}.

                1. Klicken Sie auf den Registrierungslink; das Fenster «Zugangscode» öffnet sich.
                2. Geben Sie den Zugangscode dieser Einladung ein.
                3. Geben Sie Ihre E-Mail-Adresse ein: Sie erhalten eine E-Mail mit einem Link und einem Code, um die Registrierung fortzusetzen.

                Registrierungslink: {m.RegistrationUri}
                Zugangscode: {m.AccessCode}

                Diese Einladung ist bis am {validUntil} gültig. Der Zugangscode kann nur einmal verwendet werden.

                Freundliche Grüsse
                """,
            "it" => $"""
                Buongiorno

                Abbiamo creato per Lei l'accesso a connect. Questo invito è valido per l'amministratrice o l'amministratore di connect per {m.OrganizationName}.

                1. Clicchi sul link di registrazione; si apre la finestra «Codice d'accesso».
                2. Inserisca il codice d'accesso di questo invito.
                3. Inserisca il Suo indirizzo e-mail: riceverà un'e-mail con un link e un codice per proseguire la registrazione.

                Link di registrazione: {m.RegistrationUri}
                Codice d'accesso: {m.AccessCode}

                Questo invito è valido fino al {validUntil}. Il codice d'accesso può essere utilizzato una sola volta.

                Cordiali saluti
                """,
            "en" => $"""
                Hello

                We have set up your access to connect. This invitation is for the connect administrator of {m.OrganizationName}.

                1. Click the registration link; the "Access code" window opens.
                2. Enter the access code of this invitation.
                3. Enter your e-mail address: you will receive an e-mail with a link and a code to continue the registration.

                Registration link: {m.RegistrationUri}
                Access code: {m.AccessCode}

                This invitation is valid until {validUntil}. The access code can be used only once.

                Kind regards
                """,
            _ => $"""
                Bonjour,

                Nous avons créé pour vous l'accès à connect. Cette invitation est valable pour l'administrateur ou l'administratrice connect de {m.OrganizationName}.

                1. Cliquez sur le lien d'enregistrement ; la fenêtre « Code d'accès » s'ouvre.
                2. Saisissez le code d'accès de cette invitation.
                3. Saisissez votre adresse e-mail : vous recevrez un e-mail avec un lien et un code pour poursuivre l'enregistrement.

                Lien d'enregistrement : {m.RegistrationUri}
                Code d'accès : {m.AccessCode}

                Cette invitation est valable jusqu'au {validUntil}. Le code d'accès ne peut être utilisé qu'une seule fois.

                Meilleures salutations
                """,
        };
    }

    private static string EmailCodeSubject(string language) => language switch
    {
        "de" => "connect: Ihr Bestätigungscode",
        "it" => "connect: il Suo codice di verifica",
        "en" => "connect: your verification code",
        _ => "connect : votre code de vérification",
    };

    private static string EmailCodeBody(string language, EmailCodeEmail m, DateTime nowUtc)
    {
        var (minutes, until) = CodeValidity(m.ExpiresAt, nowUtc);
        return language switch
        {
            "de" => $"""
                Guten Tag

                Um Ihre E-Mail-Adresse zu bestätigen und die Registrierung bei connect fortzusetzen, wählen Sie den Link in dieser E-Mail oder geben Sie den angegebenen Code ein.

                Link: {m.VerifyUri}
                Code: {m.Code}

                Der Code ist {minutes} Minuten gültig (bis {until} Uhr). Geben Sie ihn niemandem weiter.

                Haben Sie diese E-Mail nicht angefordert, können Sie sie ignorieren.

                Freundliche Grüsse
                """,
            "it" => $"""
                Buongiorno

                Per confermare il Suo indirizzo e-mail e proseguire la registrazione a connect, selezioni il link in questa e-mail o inserisca il codice indicato.

                Link: {m.VerifyUri}
                Codice: {m.Code}

                Il codice è valido {minutes} minuti (fino alle {until}). Non lo comunichi a nessuno.

                Se non ha richiesto questa e-mail, può ignorarla.

                Cordiali saluti
                """,
            "en" => $"""
                Hello

                To confirm your e-mail address and continue your registration with connect, select the link in this e-mail or enter the code shown.

                Link: {m.VerifyUri}
                Code: {m.Code}

                The code is valid for {minutes} minutes (until {until}). Do not share it with anyone.

                If you did not ask for this e-mail, you can ignore it.

                Kind regards
                """,
            _ => $"""
                Bonjour,

                Pour confirmer votre adresse e-mail et poursuivre l'enregistrement dans connect, sélectionnez le lien de cet e-mail ou saisissez le code indiqué.

                Lien : {m.VerifyUri}
                Code : {m.Code}

                Ce code est valable {minutes} minutes (jusqu'à {until}). Ne le communiquez à personne.

                Si vous n'avez pas demandé cet e-mail, vous pouvez l'ignorer.

                Meilleures salutations
                """,
        };
    }

    private static string PasswordResetSubject(string language) => language switch
    {
        "de" => "connect: Passwort zurücksetzen",
        "it" => "connect: reimpostare la password",
        "en" => "connect: reset your password",
        _ => "connect : réinitialiser votre mot de passe",
    };

    private static string PasswordResetBody(string language, PasswordResetEmail m, DateTime nowUtc)
    {
        var (minutes, until) = CodeValidity(m.ExpiresAt, nowUtc);
        return language switch
        {
            "de" => $"""
                Guten Tag

                Sie haben ein neues Passwort für connect angefordert. Geben Sie diesen Code ein und wählen Sie Ihr neues Passwort; danach bestätigen Sie die Anmeldung wie gewohnt mit dem zweiten Faktor.

                Code: {m.Code}

                Der Code ist {minutes} Minuten gültig (bis {until} Uhr). Geben Sie ihn niemandem weiter.

                Haben Sie kein neues Passwort angefordert, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.

                Freundliche Grüsse
                """,
            "it" => $"""
                Buongiorno

                Ha chiesto una nuova password per connect. Inserisca questo codice e scelga la nuova password; poi confermi l'accesso come di consueto con il secondo fattore.

                Codice: {m.Code}

                Il codice è valido {minutes} minuti (fino alle {until}). Non lo comunichi a nessuno.

                Se non ha chiesto una nuova password, ignori questa e-mail: la Sua password resta invariata.

                Cordiali saluti
                """,
            "en" => $"""
                Hello

                You asked for a new connect password. Enter this code and choose your new password; then confirm the sign-in with your second factor as usual.

                Code: {m.Code}

                The code is valid for {minutes} minutes (until {until}). Do not share it with anyone.

                If you did not ask for a new password, ignore this e-mail: your password stays as it is.

                Kind regards
                """,
            _ => $"""
                Bonjour,

                Vous avez demandé un nouveau mot de passe pour connect. Saisissez ce code et choisissez votre nouveau mot de passe ; confirmez ensuite la connexion avec votre second facteur, comme d'habitude.

                Code : {m.Code}

                Ce code est valable {minutes} minutes (jusqu'à {until}). Ne le communiquez à personne.

                Si vous n'avez pas demandé de nouveau mot de passe, ignorez cet e-mail : votre mot de passe reste inchangé.

                Meilleures salutations
                """,
        };
    }

    private static string AccountChangedSubject(string language, AccountChange change) =>
        (language == "fr" ? "connect : " : "connect: ") + AccountChangedSentence(language, change);

    private static string AccountChangedSentence(string language, AccountChange change) => (language, change) switch
    {
        ("de", AccountChange.PasswordChanged) => "Ihr Passwort wurde geändert",
        ("de", AccountChange.PhoneNumberChanged) => "Ihre Mobilnummer wurde geändert",
        ("de", AccountChange.SecondFactorReset) => "Ihr zweiter Faktor wurde zurückgesetzt",
        ("de", _) => "Ihre Authentifizierungs-App wurde entfernt",
        ("it", AccountChange.PasswordChanged) => "La Sua password è stata modificata",
        ("it", AccountChange.PhoneNumberChanged) => "Il Suo numero di cellulare è stato modificato",
        ("it", AccountChange.SecondFactorReset) => "Il Suo secondo fattore è stato reimpostato",
        ("it", _) => "La Sua app di autenticazione è stata rimossa",
        ("en", AccountChange.PasswordChanged) => "Your password was changed",
        ("en", AccountChange.PhoneNumberChanged) => "Your mobile number was changed",
        ("en", AccountChange.SecondFactorReset) => "Your second factor was reset",
        ("en", _) => "Your authenticator app was removed",
        (_, AccountChange.PasswordChanged) => "Votre mot de passe a été modifié",
        (_, AccountChange.PhoneNumberChanged) => "Votre numéro de téléphone portable a été modifié",
        (_, AccountChange.SecondFactorReset) => "Votre second facteur a été réinitialisé",
        _ => "Votre application d'authentification a été supprimée",
    };

    /// <summary>The paragraph after the change: a reset by support says what comes next; a change of their own asks whether it was them.</summary>
    private static string AccountChangedFollowUp(string language, AccountChange change) => (language, change) switch
    {
        ("de", AccountChange.SecondFactorReset) => """
            Unser Support hat Ihre Mobilnummer, Ihre Authentifizierungs-App und Ihre Wiederherstellungscodes entfernt und Ihre Sitzungen beendet. Bei Ihrer nächsten Anmeldung geben Sie nach dem Passwort Ihre neue Mobilnummer ein und bestätigen sie mit dem SMS-Code.

            Haben Sie das nicht verlangt, rufen Sie uns bitte sofort an.
            """,
        ("it", AccountChange.SecondFactorReset) => """
            Il nostro supporto ha rimosso il Suo numero di cellulare, la Sua app di autenticazione e i Suoi codici di recupero e ha chiuso le Sue sessioni. Al prossimo accesso, dopo la password, inserisca il Suo nuovo numero di cellulare e lo confermi con il codice SMS.

            Se non l'ha chiesto Lei, ci chiami subito.
            """,
        ("en", AccountChange.SecondFactorReset) => """
            Our support removed your mobile number, your authenticator app and your recovery codes, and ended your sessions. At your next sign-in, after your password, enter your new mobile number and confirm it with the SMS code.

            If you did not ask for this, please call us at once.
            """,
        (_, AccountChange.SecondFactorReset) => """
            Notre support a supprimé votre numéro de portable, votre application d'authentification et vos codes de récupération, et a fermé vos sessions. Lors de votre prochaine connexion, après le mot de passe, saisissez votre nouveau numéro de portable et confirmez-le avec le code SMS.

            Si vous ne l'avez pas demandé, appelez-nous tout de suite.
            """,
        ("de", _) => "Waren Sie das, ist nichts weiter zu tun. Falls nicht, rufen Sie uns bitte sofort an.",
        ("it", _) => "Se è stato Lei, non deve fare nulla. In caso contrario, ci chiami subito.",
        ("en", _) => "If this was you, there is nothing more to do. If not, please call us at once.",
        _ => "Si c'était vous, il n'y a rien d'autre à faire. Sinon, appelez-nous tout de suite.",
    };

    private static string AccountChangedBody(string language, AccountChangedEmail m)
    {
        var when = SwissTime.Date(m.ChangedAt) + " " + SwissTime.TimeOfDay(m.ChangedAt);
        var what = AccountChangedSentence(language, m.Change);
        var follow = AccountChangedFollowUp(language, m.Change);
        return language switch
        {
            "de" => $"""
                Guten Tag

                {what} ({when} Uhr).

                {follow}

                Freundliche Grüsse
                """,
            "it" => $"""
                Buongiorno

                {what} ({when}).

                {follow}

                Cordiali saluti
                """,
            "en" => $"""
                Hello

                {what} ({when}).

                {follow}

                Kind regards
                """,
            _ => $"""
                Bonjour,

                {what} ({when}).

                {follow}

                Meilleures salutations
                """,
        };
    }

    /// <summary>
    /// A code's validity as the e-mail states it: minutes left (from the challenge itself, so the text never
    /// disagrees with the rule) and the Swiss clock time, which still tells the truth when an outage delayed it.
    /// </summary>
    private static (int Minutes, string Until) CodeValidity(DateTime expiresAt, DateTime nowUtc) =>
        (Math.Max(1, (int)Math.Round((DateTime.SpecifyKind(expiresAt, DateTimeKind.Utc) - nowUtc).TotalMinutes)), SwissTime.TimeOfDay(expiresAt));

    // Short, GSM-7 characters only, so one SMS segment in every language.
    private static string PhoneCodeText(string language, string code) => language switch
    {
        "de" => $"Ihr connect-Code: {code}. {PhoneCodeValidityMinutes} Minuten gültig. Geben Sie ihn niemandem weiter.",
        "it" => $"Il Suo codice connect: {code}. Valido {PhoneCodeValidityMinutes} minuti. Non lo comunichi a nessuno.",
        "en" => $"Your connect code: {code}. Valid for {PhoneCodeValidityMinutes} minutes. Do not share it with anyone.",
        _ => $"Votre code connect : {code}. Valable {PhoneCodeValidityMinutes} minutes. Ne le communiquez à personne.",
    };

    /// <summary>
    /// The code a person reads out to an administrator: unlike their own codes it is meant to be told, to that
    /// organisation only. The name is cut so that the text stays one SMS segment.
    /// </summary>
    private static string MemberPhoneCodeText(string language, MemberPhoneCodeSms m)
    {
        var organization = m.OrganizationName.Length <= MaxOrganizationNameInSms ? m.OrganizationName : m.OrganizationName[..(MaxOrganizationNameInSms - 3)] + "...";
        return language switch
        {
            "de" => $"connect: {organization} fragt Sie nach diesem Code: {m.Code}. {PhoneCodeValidityMinutes} Minuten gültig. Geben Sie ihn sonst niemandem.",
            "it" => $"connect: {organization} Le chiede questo codice: {m.Code}. Valido {PhoneCodeValidityMinutes} minuti. Non lo comunichi a nessun altro.",
            "en" => $"connect: {organization} asks you for this code: {m.Code}. Valid for {PhoneCodeValidityMinutes} minutes. Do not give it to anyone else.",
            _ => $"connect : {organization} vous demande ce code : {m.Code}. Valable {PhoneCodeValidityMinutes} minutes. Ne le donnez à personne d'autre.",
        };
    }

    private const int MaxOrganizationNameInSms = 40;

    private static string Footer(string language, SupportOptions support)
    {
        var intro = language switch
        {
            "de" => "Haben Sie Fragen? Wir helfen Ihnen gerne:",
            "it" => "Ha domande? Siamo volentieri a Sua disposizione:",
            "en" => "Any questions? We are happy to help:",
            _ => "Vous avez des questions ? Nous y répondons volontiers :",
        };
        // "-- " (with its space) is the standard signature separator that mail clients recognise.
        var languages = language switch
        {
            "de" => "Sprachen",
            "it" => "Lingue",
            "en" => "Languages",
            _ => "Langues",
        };
        var footer = "\n\n-- \n" + intro + "\n" + support.DepartmentIn(language) + "\n"
            + support.Phone + " (" + support.HoursIn(language) + ")\n";
        if (!string.IsNullOrWhiteSpace(support.Email)) footer += support.Email + "\n";
        return footer + languages + ": " + support.LanguageNames() + "\n";
    }
}
