using Connect.Grpc.Domain;

namespace Connect.Grpc.Messaging;

/// <summary>
/// Every subject and body Connect sends, in fr, de, it and en: the words are in <c>MessageTexts.resx</c> (French, the
/// default) and its translations; this class picks them and fills in the values. Plain text only: no HTML to escape,
/// nothing for a mail client to hide. French follows the wording of the fund's guide.
/// </summary>
public static class MessageTexts
{
    private static readonly TextResource Texts = new(typeof(MessageTexts));

    /// <summary>The validity the SMS states: the domain's rule itself, so the text cannot drift from it.</summary>
    private static int PhoneCodeValidityMinutes => (int)Domain.CodeChallenges.Validity.TotalMinutes;

    /// <summary>Renders <paramref name="message"/> in its language (French when the language is unknown).</summary>
    public static RenderedMessage Render(Message message, SupportOptions support, DateTime nowUtc)
    {
        var language = Languages.OrDefault(message.Language?.ToLowerInvariant());
        string Text(string key, params object[] values) => Texts.Get(language, key, values);
        RenderedMessage Email(string kind, object[] subject, object[] body) =>
            new(MessageChannel.Email, message.To, Text(kind + ".Subject", subject), Text(kind + ".Body", body) + Footer(language, support));
        return message switch
        {
            InvitationEmail m => Email("Invitation", [m.OrganizationName],
                [m.OrganizationName, m.RegistrationUri, m.AccessCode, SwissTime.Date(m.ExpiresAt)]),
            EmailCodeEmail m => Email("EmailCode", [], [m.VerifyUri, m.Code, .. CodeValidity(m.ExpiresAt, nowUtc)]),
            PasswordResetEmail m => Email("PasswordReset", [], [m.Code, .. CodeValidity(m.ExpiresAt, nowUtc)]),
            AccountChangedEmail m => AccountChanged(m, Text(AccountChangedKey(m.Change))),
            ActivationEmail m => Email("Activation", [m.OrganizationName],
                [m.GivenName, m.OrganizationName, m.ActivationUri, m.ActivationCode, m.To, SwissTime.Date(m.ExpiresAt)]),
            MembershipInvitationEmail m => Email("MembershipInvitation", [m.OrganizationName],
                [m.GivenName, m.OrganizationName, SwissTime.Date(m.ExpiresAt)]),
            PhoneCodeSms m => new(MessageChannel.Sms, m.To, "", Text("PhoneCode.Sms", m.Code, PhoneCodeValidityMinutes)),
            MemberPhoneCodeSms m => new(MessageChannel.Sms, m.To, "",
                Text("MemberPhoneCode.Sms", OrganizationNameInSms(m.OrganizationName), m.Code, PhoneCodeValidityMinutes)),
            // The type name only: a message's fields may carry a code.
            _ => throw new ArgumentException($"No texts for {message.GetType().Name}.", nameof(message)),
        };

        // The sentence of the change is the subject and opens the body; a reset by support says what comes next, a
        // change of their own asks whether it was them.
        RenderedMessage AccountChanged(AccountChangedEmail m, string what) => Email("AccountChanged", [what],
            [what, SwissTime.Date(m.ChangedAt) + " " + SwissTime.TimeOfDay(m.ChangedAt),
                Text(m.Change == AccountChange.SecondFactorReset ? "AccountChanged.FollowUp.SecondFactorReset" : "AccountChanged.FollowUp")]);
    }

    private static string AccountChangedKey(AccountChange change) => "AccountChanged." + (change switch
    {
        AccountChange.PasswordChanged or AccountChange.PhoneNumberChanged or AccountChange.SecondFactorReset
            or AccountChange.PasskeyAdded or AccountChange.PasskeyRemoved => change,
        _ => AccountChange.AuthenticatorRemoved,
    });

    /// <summary>
    /// A code's validity as the e-mail states it: minutes left (from the challenge itself, so the text never
    /// disagrees with the rule) and the Swiss clock time, which still tells the truth when an outage delayed it.
    /// </summary>
    private static object[] CodeValidity(DateTime expiresAt, DateTime nowUtc) =>
        [Math.Max(1, (int)Math.Round((DateTime.SpecifyKind(expiresAt, DateTimeKind.Utc) - nowUtc).TotalMinutes)), SwissTime.TimeOfDay(expiresAt)];

    /// <summary>
    /// The code a person reads out to an administrator names the organisation that asks; the name is cut so that the
    /// text stays one SMS segment.
    /// </summary>
    private static string OrganizationNameInSms(string name) =>
        name.Length <= MaxOrganizationNameInSms ? name : name[..(MaxOrganizationNameInSms - 3)] + "...";

    private const int MaxOrganizationNameInSms = 40;

    private static string Footer(string language, SupportOptions support)
    {
        // "-- " (with its space) is the standard signature separator that mail clients recognise.
        var footer = "\n\n-- \n" + Texts.Get(language, "Footer.Questions") + "\n" + support.DepartmentIn(language) + "\n"
            + support.Phone + " (" + support.HoursIn(language) + ")\n";
        if (!string.IsNullOrWhiteSpace(support.Email)) footer += support.Email + "\n";
        return footer + Texts.Get(language, "Footer.Languages") + ": " + support.LanguageNames() + "\n";
    }
}
