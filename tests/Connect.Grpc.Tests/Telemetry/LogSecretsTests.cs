using System.Text.RegularExpressions;
using Connect.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Connect.Grpc.Tests.Telemetry;

public sealed class LogSecretsTests : IDisposable
{
    private const string MemberPassword = "member's own long passphrase";
    private const string ResetPassword = "a brand new passphrase after reset";
    private const string WrongPassword = "wrong passphrase typed by mistake";

    private readonly LogCapture _logs = new();
    private readonly ConnectServerFactory _server;

    public LogSecretsTests() => _server = new ConnectServerFactory(
        settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace" },
        services: s => s.AddSingleton<ILoggerProvider>(_logs));

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task NoCodePasswordOrTokenOfTheFlows_AppearsInAnyLogRecord()
    {
        var channel = _server.CreateChannel();
        var members = new MemberDriver(_server, channel);
        var signIn = members.SignIn;
        var applications = new ApplicationDriver(channel);
        var secrets = new List<string> { Registrar.Password, MemberPassword, ResetPassword, WrongPassword, _server.BootstrapCode };

        // Registrations: the operator's with the bootstrap code, an administrator's with a letter's access code.
        var operatorToken = await signIn.OperatorToken();
        var organization = await members.Registrar.Organization(operatorToken, "100.200");
        var letter = await members.Registrar.Letter(operatorToken, organization.Id);
        var registered = await members.Registrar.RegisterNew(letter.AccessCode, "anna@muster.test", "+41791234567");
        var admin = new RegisteredAdmin("anna@muster.test", "+41791234567", registered.PersonId, organization.Id, registered.SessionToken);
        secrets.AddRange([operatorToken, letter.AccessCode, registered.SessionToken]);

        // A sign-in with an SMS code, and one with a wrong password.
        var challenge = await signIn.Password(admin.Email);
        var smsCode = await signIn.SmsCode(challenge, admin.Phone);
        var session = await signIn.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = smsCode });
        await Assert.ThrowsAnyAsync<Exception>(() => signIn.Password(admin.Email, WrongPassword));
        secrets.AddRange([challenge.SignInToken, smsCode, session.Session.SessionToken]);

        // A member created with the SMS code to their number, activated and signed in.
        var member = await members.Active(admin, MemberDriver.Request("berta@muster.test", "+41791234568"), MemberPassword);
        secrets.Add(await members.SignedIn(member, MemberPassword));

        // A password reset: the e-mailed code, the new password, the SMS code.
        var mailsBefore = _server.Mail.To(member.Email).Count;
        var reset = await signIn.SignIn.StartPasswordResetAsync(new() { Email = member.Email });
        var resetCode = TestCodes.SixDigits(await _server.Mail.WaitForText(member.Email, mailsBefore + 1));
        var resetChallenge = (await signIn.SignIn.ResetPasswordAsync(new()
        {
            ResetToken = reset.ResetToken, Code = resetCode, NewPassword = ResetPassword,
        })).Challenge;
        var resetSms = await signIn.SmsCode(resetChallenge, member.Phone);
        var afterReset = await signIn.SignIn.VerifySecondFactorAsync(new() { SignInToken = resetChallenge.SignInToken, SmsCode = resetSms });
        secrets.AddRange([reset.ResetToken, resetCode, resetSms, afterReset.Session.SessionToken]);

        // An application's secret exchanged for an access token that is then used, and a wrong secret refused.
        var credential = await applications.Partner(admin);
        var accessToken = await applications.Token(credential);
        await members.Members.ListMembersAsync(new(), ApplicationDriver.As(accessToken));
        var wrongSecret = credential.ClientSecret[..^4] + "AAAA";
        await Assert.ThrowsAnyAsync<Exception>(() => applications.Token(credential with { ClientSecret = wrongSecret }));
        // The secret typed in the client id's field: refused as an unknown client, and not logged as one.
        await Assert.ThrowsAnyAsync<Exception>(() => applications.Token(credential with { ClientId = credential.ClientSecret }));
        secrets.AddRange([credential.ClientSecret, accessToken, wrongSecret]);

        secrets.AddRange(CodesInEveryMessageSent());
        Assert.True(_logs.Texts.Count > 50, "The capture saw too few log records to prove anything.");
        foreach (var secret in secrets.Distinct())
        {
            // A 6-digit code counts only standing alone: log texts are full of longer numbers (ticks, ids).
            var pattern = new Regex(@"(?<![0-9])" + Regex.Escape(secret) + @"(?![0-9])");
            var leaks = _logs.Texts.Where(t => pattern.IsMatch(t.Text)).Select(t => $"{t.Category}: {t.Text}").Distinct().ToList();
            Assert.True(leaks.Count == 0, $"A secret of the flow is in the log:\n{string.Join("\n", leaks)}");
        }
    }

    /// <summary>Every code and link token that went out by e-mail or SMS.</summary>
    private IEnumerable<string> CodesInEveryMessageSent()
    {
        var texts = Directory.GetFiles(Path.Combine(_server.DataDirectory, "mail-pickup"), "*.eml")
            .Select(file => MimeMessage.Load(file).TextBody ?? "")
            .Concat(Directory.GetFiles(Path.Combine(_server.DataDirectory, "sms-outbox"), "*.json").Select(File.ReadAllText))
            .ToList();
        Assert.True(texts.Count >= 8, "Fewer messages than the flows send.");
        foreach (var text in texts)
        {
            foreach (Match code in Regex.Matches(text, @"(?<![\w-])[0-9]{6}(?![\w-])")) yield return code.Value;
            if (TestCodes.AccessCode(text) is { } accessCode) yield return accessCode;
            if (text.Contains("email-link?token=", StringComparison.Ordinal)) yield return TestCodes.LinkToken(text);
        }
    }
}
