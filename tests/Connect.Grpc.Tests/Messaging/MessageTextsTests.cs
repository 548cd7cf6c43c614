using Connect.Grpc.Domain;
using Connect.Grpc.Messaging;

namespace Connect.Grpc.Tests.Messaging;

public sealed class MessageTextsTests
{
    private static readonly DateTime Now = new(2026, 1, 15, 9, 0, 0, DateTimeKind.Utc);
    private static readonly SupportOptions Support = new();

    public static TheoryData<string> AllLanguages() => new(Languages.All);

    private static Message[] AllKinds(string language) =>
    [
        new InvitationEmail("a@example.ch", language, "Muster AG", "ABCD-EFGH-JKLM-NPQR", "https://connect.example.ch/r", new DateTime(2026, 1, 29, 12, 0, 0, DateTimeKind.Utc)),
        new EmailCodeEmail("a@example.ch", language, "246802", "https://connect.example.ch/v?t=x", Now.AddMinutes(10)),
        new PhoneCodeSms("+41791234567", language, "135791"),
        new PasswordResetEmail("a@example.ch", language, "864209", Now.AddMinutes(10)),
        new AccountChangedEmail("a@example.ch", language, AccountChange.PasswordChanged, Now),
        new AccountChangedEmail("a@example.ch", language, AccountChange.PhoneNumberChanged, Now),
        new AccountChangedEmail("a@example.ch", language, AccountChange.AuthenticatorRemoved, Now),
        new AccountChangedEmail("a@example.ch", language, AccountChange.SecondFactorReset, Now),
        new MembershipInvitationEmail("a@example.ch", language, "Tina", "Muster AG", Now.AddDays(14)),
        new MemberPhoneCodeSms("+41791234567", language, "975310", "Muster AG"),
        new MemberPhoneCodeSms("+41791234567", language, "975311", "Fiduciaire Muster & Partner Treuhand AG, Zweigniederlassung Bern"),
        new ActivationEmail("a@example.ch", language, "Tina", "Muster AG", "RSTU-VWXY-Z234", "https://connect.example.ch/a?t=y", Now.AddDays(7)),
        new AccountChangedEmail("a@example.ch", language, AccountChange.PasskeyAdded, Now),
        new AccountChangedEmail("a@example.ch", language, AccountChange.PasskeyRemoved, Now),
    ];

    [Theory]
    [MemberData(nameof(AllLanguages))]
    public void EveryKind_RendersCompletely_InEveryLanguage(string language)
    {
        foreach (var message in AllKinds(language))
        {
            var rendered = MessageTexts.Render(message, Support, Now);
            Assert.Equal(message.To, rendered.To);
            Assert.DoesNotContain("{", rendered.Subject + rendered.Body);
            Assert.DoesNotContain("}", rendered.Subject + rendered.Body);
            switch (message)
            {
                case MembershipInvitationEmail m:
                    Assert.Equal(MessageChannel.Email, rendered.Channel);
                    Assert.Contains(m.OrganizationName, rendered.Subject);
                    Assert.Contains(m.GivenName, rendered.Body);
                    break;
                case InvitationEmail m:
                    Assert.Equal(MessageChannel.Email, rendered.Channel);
                    Assert.Contains(m.OrganizationName, rendered.Subject);
                    Assert.Contains(m.AccessCode, rendered.Body);
                    Assert.Contains(m.RegistrationUri, rendered.Body);
                    Assert.Contains("29.01.2026", rendered.Body);
                    AssertFooter(language, rendered.Body);
                    break;
                case EmailCodeEmail m:
                    Assert.Equal(MessageChannel.Email, rendered.Channel);
                    Assert.NotEmpty(rendered.Subject);
                    Assert.Contains(m.Code, rendered.Body);
                    Assert.Contains(m.VerifyUri, rendered.Body);
                    Assert.Contains(" 10 ", rendered.Body);
                    Assert.Contains("10:10", rendered.Body);
                    AssertFooter(language, rendered.Body);
                    break;
                case PasswordResetEmail m:
                    Assert.Equal(MessageChannel.Email, rendered.Channel);
                    Assert.NotEmpty(rendered.Subject);
                    Assert.Contains(m.Code, rendered.Body);
                    Assert.Contains(" 10 ", rendered.Body);
                    Assert.Contains("10:10", rendered.Body);
                    AssertFooter(language, rendered.Body);
                    break;
                case AccountChangedEmail:
                    Assert.Equal(MessageChannel.Email, rendered.Channel);
                    Assert.StartsWith("connect", rendered.Subject);
                    Assert.Contains("10:00", rendered.Body);
                    AssertFooter(language, rendered.Body);
                    break;
                case MemberPhoneCodeSms m:
                    Assert.Equal(MessageChannel.Sms, rendered.Channel);
                    Assert.Contains(m.Code, rendered.Body);
                    Assert.Contains(m.OrganizationName[..Math.Min(20, m.OrganizationName.Length)], rendered.Body);
                    Assert.True(rendered.Body.Length <= 160, "one SMS segment, however long the organisation's name");
                    Assert.All(rendered.Body, c => Assert.Contains(c, Gsm7));
                    break;
                case PhoneCodeSms m:
                    Assert.Equal(MessageChannel.Sms, rendered.Channel);
                    Assert.Equal("", rendered.Subject);
                    Assert.Contains(m.Code, rendered.Body);
                    Assert.True(rendered.Body.Length <= 160, "one SMS segment");
                    Assert.All(rendered.Body, c => Assert.Contains(c, Gsm7));
                    break;
            }
        }
    }

    /// <summary>Every subject and body of every kind in every language, byte for byte as approved.</summary>
    [Fact]
    public void EveryKind_InEveryLanguage_SaysExactlyTheApprovedWords()
    {
        var received = new List<(string Key, string Text)>();
        foreach (var language in Languages.All)
        {
            var kinds = AllKinds(language);
            for (var kind = 0; kind < kinds.Length; kind++)
            {
                var rendered = MessageTexts.Render(kinds[kind], Support, Now);
                var key = $"{language} {kind:D2} {Describe(kinds[kind])}";
                if (rendered.Channel == MessageChannel.Email) received.Add((key + " subject", rendered.Subject));
                received.Add((key + (rendered.Channel == MessageChannel.Email ? " body" : " sms"), rendered.Body));
            }
        }

        ApprovedText.Verify("tests/Connect.Grpc.Tests/Messaging/MessageTexts.approved.txt", received);
    }

    private static string Describe(Message message) =>
        message is AccountChangedEmail changed ? $"{nameof(AccountChangedEmail)} {changed.Change}" : message.GetType().Name;

    [Fact]
    public void EveryLanguage_HasItsOwnWords()
    {
        for (var kind = 0; kind < AllKinds("fr").Length; kind++)
        {
            var bodies = Languages.All.Select(l => MessageTexts.Render(AllKinds(l)[kind], Support, Now)).ToList();
            Assert.Equal(4, bodies.Select(r => r.Body).Distinct().Count());
            Assert.Equal(bodies[0].Channel == MessageChannel.Sms ? 1 : 4, bodies.Select(r => r.Subject).Distinct().Count());
        }
    }

    [Fact]
    public void FrenchEchoesTheGuide()
    {
        var invitation = MessageTexts.Render(AllKinds("fr")[0], Support, Now);
        Assert.Contains("Code d'accès : ABCD-EFGH-JKLM-NPQR", invitation.Body);
        Assert.Contains("lien d'enregistrement", invitation.Body);
        Assert.Contains("l'administrateur ou l'administratrice connect de Muster AG", invitation.Body);
        var sms = MessageTexts.Render(AllKinds("fr")[2], Support, Now);
        Assert.Equal("Votre code connect : 135791. Valable 10 minutes. Ne le communiquez à personne.", sms.Body);
    }

    [Fact]
    public void UnknownLanguage_FallsBackToFrench_AndUpperCaseIsUnderstood()
    {
        Assert.Equal(MessageTexts.Render(AllKinds("fr")[1], Support, Now), MessageTexts.Render(AllKinds("xx")[1], Support, Now) with { });
        Assert.Equal(MessageTexts.Render(AllKinds("de")[1], Support, Now), MessageTexts.Render(AllKinds("DE")[1], Support, Now));
    }

    [Fact]
    public void SupportEmail_IsShownWhenConfigured()
    {
        var support = new SupportOptions { Email = "connect@caisse.example.ch" };
        var rendered = MessageTexts.Render(AllKinds("it")[0], support, Now);
        Assert.EndsWith("+41 31 390 23 25 (giorni feriali, 7:30–16:00)\nconnect@caisse.example.ch\nLingue: Français, Deutsch, Italiano, English\n", rendered.Body);
    }

    private static void AssertFooter(string language, string body)
    {
        Assert.Contains("\n-- \n", body);
        Assert.Contains(Support.DepartmentIn(language), body);
        Assert.Contains(Support.Phone, body);
        Assert.Contains(Support.HoursIn(language), body);
    }

    // The GSM 03.38 basic character set: texts made of it fit 160 characters per SMS.
    private const string Gsm7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
}
