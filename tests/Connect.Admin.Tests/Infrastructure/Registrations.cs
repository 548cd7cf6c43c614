using System.Text.RegularExpressions;
using Connect.Client;
using Connect.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Admin.Tests.Infrastructure;

/// <summary>
/// Registers people through the client library, as a partner would, so that browser tests start from an account:
/// the fund's first operator with the bootstrap code, then each person as the administrator of a new organisation
/// invited by e-mail.
/// </summary>
public static partial class Registrations
{
    private static readonly TestPerson FundOperator =
        new("Olivier", "Perret", "olivier.perret@fund.example.ch", "+41 79 200 00 01", "la caisse veille sur les salaires");

    /// <summary>
    /// Registers <paramref name="person"/> (once per system) as the administrator of a new organisation that may grant
    /// <paramref name="topicIds"/>; with <paramref name="recoveryCodes"/>, also creates their recovery codes.
    /// </summary>
    public static Task<RegisteredPerson> RegisterAsync(this ConnectSystem system, TestPerson person, bool recoveryCodes = false,
        IReadOnlyList<string>? topicIds = null) =>
        system.OnceAsync("person:" + person.Email, async () =>
        {
            var organizationName = $"{person.FamilyName} SA";
            var accessCode = await InviteAsync(system, organizationName, person.Email, topicIds ?? []);
            var session = await RegisterWithCodeAsync(system, accessCode, person);
            IReadOnlyList<string> codes = [];
            if (recoveryCodes)
            {
                using var asPerson = system.Client(session);
                codes = await asPerson.GetRequiredService<ConnectAccountClient>().CreateRecoveryCodesAsync(person.Password);
            }
            return new RegisteredPerson(person, organizationName, session, codes);
        });

    /// <summary>
    /// Makes an already registered <paramref name="person"/> a member of one more organisation, as an invited existing
    /// person does (e-mail code, password, SMS code to their number). Their registration's codes went to the same
    /// address and number, so this waits as long as Connect's interval between two codes requires.
    /// </summary>
    public static Task<RegisteredPerson> AddMembershipAsync(this ConnectSystem system, TestPerson person, string organizationName) =>
        system.OnceAsync($"membership:{person.Email}:{organizationName}", async () =>
        {
            var first = await system.RegisterAsync(person);
            var accessCode = await InviteAsync(system, organizationName, person.Email, []);
            using var anonymous = system.Client();
            var registrations = anonymous.GetRequiredService<ConnectRegistrationClient>();
            var token = (await registrations.RedeemAccessCodeAsync(accessCode)).RegistrationToken;
            await WithinTheResendLimitAsync(() => registrations.SubmitEmailAsync(token, person.Email, Language.Fr));
            var verification = await system.Outbox.WaitForEmailAsync(person.Email, EmailLink());
            await registrations.VerifyEmailAsync(token, Outbox.SixDigitCode(verification));
            await WithinTheResendLimitAsync(() => registrations.ConfirmExistingPersonAsync(token, person.Password));
            await registrations.VerifyPhoneAsync(token, Outbox.SixDigitCode(await system.Outbox.WaitForSmsAsync(person.PhoneNumber)));
            var session = (await registrations.FinishRegistrationAsync(token)).SessionToken;
            return first with { OrganizationName = organizationName, SessionToken = session };
        });

    /// <summary>
    /// The fund's first operator, registered once per system with the bootstrap code (the same registration the
    /// invitations of <see cref="RegisterAsync"/> use), with recovery codes so that a browser can sign them in.
    /// </summary>
    public static Task<RegisteredPerson> OperatorAsync(this ConnectSystem system) =>
        system.OnceAsync("api-operator-person", async () =>
        {
            var session = await OperatorSessionAsync(system);
            using var asOperator = system.Client(session);
            var fund = await asOperator.GetRequiredService<ConnectSessionClient>().WhoAmIAsync();
            var codes = await asOperator.GetRequiredService<ConnectAccountClient>().CreateRecoveryCodesAsync(FundOperator.Password);
            return new RegisteredPerson(FundOperator, fund.OrganizationDisplayName, session, codes);
        });

    private static Task<string> OperatorSessionAsync(ConnectSystem system) =>
        system.OnceAsync("api-operator", () => RegisterWithCodeAsync(system, system.BootstrapAccessCode, FundOperator));

    private static async Task<string> InviteAsync(ConnectSystem system, string organizationName, string email, IReadOnlyList<string> topicIds)
    {
        var operatorSession = await OperatorSessionAsync(system);
        using var asOperator = system.Client(operatorSession);
        var organizations = asOperator.GetRequiredService<ConnectOrganizationClient>();
        var organization = await organizations.CreateOrganizationAsync(organizationName, "200." + Random.Shared.Next(100_000, 999_999), topicIds, Language.Fr);
        await organizations.InviteByEmailAsync(organization.Id, email, Language.Fr);
        var invitation = await system.Outbox.WaitForEmailAsync(email, RegisterLink());
        return RegisterLink().Match(invitation).Groups["code"].Value;
    }

    private static async Task<T> WithinTheResendLimitAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ConnectClientException exception) when (exception.Reason == ErrorReason.ResendTooSoon && exception.RetryAfter is { } wait)
        {
            await Task.Delay(wait + TimeSpan.FromSeconds(1));
            return await call();
        }
    }

    private static async Task<string> RegisterWithCodeAsync(ConnectSystem system, string accessCode, TestPerson person)
    {
        using var anonymous = system.Client();
        var registrations = anonymous.GetRequiredService<ConnectRegistrationClient>();
        var token = (await registrations.RedeemAccessCodeAsync(accessCode)).RegistrationToken;
        await registrations.SubmitEmailAsync(token, person.Email, Language.Fr);
        var verification = await system.Outbox.WaitForEmailAsync(person.Email, EmailLink());
        await registrations.VerifyEmailAsync(token, Outbox.SixDigitCode(verification));
        await registrations.CreateProfileAsync(token, person.GivenName, person.FamilyName, person.Password, Language.Fr);
        await registrations.StartPhoneVerificationAsync(token, person.PhoneNumber);
        await registrations.VerifyPhoneAsync(token, Outbox.SixDigitCode(await system.Outbox.WaitForSmsAsync(person.PhoneNumber)));
        return (await registrations.FinishRegistrationAsync(token)).SessionToken;
    }

    [GeneratedRegex(@"/register/email-link\?token=")]
    private static partial Regex EmailLink();

    [GeneratedRegex(@"/register\?code=(?<code>[0-9A-Za-z\-]+)")]
    private static partial Regex RegisterLink();
}
