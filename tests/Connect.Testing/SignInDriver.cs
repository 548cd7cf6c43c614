using Connect.V1;
using Grpc.Net.Client;
using OtpNet;

namespace Connect.Testing;

/// <summary>A registered administrator of an organisation, with the session their registration ended with.</summary>
public sealed record RegisteredAdmin(string Email, string Phone, string PersonId, string OrganizationId, string SessionToken);

/// <summary>Signs people in through the real API, reading SMS codes from the outbox and computing TOTP codes on the server's fake clock.</summary>
public sealed class SignInDriver(IConnectUnderTest server, GrpcChannel channel)
{
    public Registrar Registrar { get; } = new(server, channel);
    public SignInService.SignInServiceClient SignIn { get; } = new(channel);
    public SessionService.SessionServiceClient Sessions { get; } = new(channel);
    public AccountService.AccountServiceClient Account { get; } = new(channel);
    public SupportService.SupportServiceClient Support { get; } = new(channel);

    /// <summary>The fund operator's session (registered on the server's first use).</summary>
    public Task<string> OperatorToken() => Registrar.OperatorToken();

    /// <summary>A new organisation and its registered administrator.</summary>
    public async Task<RegisteredAdmin> Member(string email, string phone, string affiliateNumber, string name = "Muster AG")
    {
        var operatorToken = await OperatorToken();
        var organization = await Registrar.Organization(operatorToken, affiliateNumber, name);
        var code = (await Registrar.Letter(operatorToken, organization.Id)).AccessCode;
        var finished = await Registrar.RegisterNew(code, email, phone);
        return new RegisteredAdmin(email, phone, finished.PersonId, organization.Id, finished.SessionToken);
    }

    /// <summary>Makes <paramref name="member"/> the administrator of one more new organisation, as an invited existing person; returns its id.</summary>
    public async Task<string> SecondMembership(RegisteredAdmin member, string affiliateNumber, string name)
    {
        var operatorToken = await OperatorToken();
        var organization = await Registrar.Organization(operatorToken, affiliateNumber, name);
        var code = (await Registrar.Letter(operatorToken, organization.Id)).AccessCode;
        var (token, _) = await Registrar.VerifiedEmail(code, member.Email);
        Registrar.WaitOutResendInterval();
        var before = server.Sms.To(member.Phone).Count;
        await Registrar.Registration.ConfirmExistingPersonAsync(new() { RegistrationToken = token, Password = Registrar.Password });
        var sms = TestCodes.SixDigits(await server.Sms.WaitForText(member.Phone, before + 1));
        await Registrar.Registration.VerifyPhoneAsync(new() { RegistrationToken = token, Code = sms });
        await Registrar.Registration.FinishRegistrationAsync(new() { RegistrationToken = token });
        return organization.Id;
    }

    public async Task<SignInChallenge> Password(string email, string password = Registrar.Password) =>
        (await SignIn.StartSignInAsync(new() { Email = email, Password = password })).Challenge;

    /// <summary>Asks for an SMS code and reads it from the outbox.</summary>
    public async Task<string> SmsCode(SignInChallenge challenge, string phone)
    {
        var before = server.Sms.To(phone).Count;
        Registrar.WaitOutResendInterval();
        await SignIn.SendSignInCodeAsync(new() { SignInToken = challenge.SignInToken });
        return TestCodes.SixDigits(await server.Sms.WaitForText(phone, before + 1));
    }

    /// <summary>A whole sign-in with the password and an SMS code.</summary>
    public async Task<VerifySecondFactorResponse> WithSms(RegisteredAdmin member, string password = Registrar.Password, string? organizationId = null)
    {
        var challenge = await Password(member.Email, password);
        var code = await SmsCode(challenge, member.Phone);
        return await SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = code, OrganizationId = organizationId ?? "" });
    }

    /// <summary>Enrols an authenticator for the session's person; returns its secret.</summary>
    public async Task<string> EnrolAuthenticator(string sessionToken)
    {
        var started = await Account.StartAuthenticatorEnrollmentAsync(new(), RpcAssert.Bearer(sessionToken));
        await Account.ConfirmAuthenticatorEnrollmentAsync(new() { Code = Totp(started.Secret) }, RpcAssert.Bearer(sessionToken));
        return started.Secret;
    }

    /// <summary>The authenticator's code at the server's current time (or <paramref name="stepsFromNow"/> steps away).</summary>
    public string Totp(string secret, int stepsFromNow = 0) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(server.Clock.GetUtcNow().UtcDateTime.AddSeconds(30 * stepsFromNow));

    /// <summary>Moves the server's clock to the start of the next TOTP step, as a person waits for a new code.</summary>
    public void NextTotpStep()
    {
        var now = server.Clock.GetUtcNow();
        server.Pass(TimeSpan.FromSeconds(30 - now.ToUnixTimeSeconds() % 30) - TimeSpan.FromMilliseconds(now.Millisecond));
    }
}
