using Connect.V1;

namespace Connect.Client;

/// <summary>
/// Sign-in with a password and a second factor, and "forgot password". Each step after the first carries
/// the sign-in token of the <see cref="SignInChallenge"/> the previous step returned.
/// </summary>
/// <example>
/// <code>
/// var challenge = (await signIn.StartSignInAsync("anna@example.ch", password, ct)).Challenge;
/// await signIn.SendSignInCodeAsync(challenge.SignInToken, ct);
/// var done = await signIn.VerifySmsCodeAsync(challenge.SignInToken, "123456", ct: ct);
/// var token = done.Session?.SessionToken; // null: choose one of done.Organizations
/// </code>
/// </example>
public sealed class ConnectSignInClient(SignInService.SignInServiceClient client, ConnectCall call)
{
    /// <summary>Checks the e-mail address and password; the answer lists the second factors that may follow.</summary>
    public Task<StartSignInResponse> StartSignInAsync(string email, string password, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.StartSignInAsync(new() { Email = email, Password = password }, call.Options(cancellationToken)));

    /// <summary>Sends an SMS code to the person's verified mobile number.</summary>
    public Task<SendSignInCodeResponse> SendSignInCodeAsync(string signInToken, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.SendSignInCodeAsync(new() { SignInToken = signInToken }, call.Options(cancellationToken)));

    /// <summary>
    /// After the fund reset the person's second factor (<c>PhoneNumberRequired</c> in the challenge): sends the SMS code to
    /// the new mobile number the person typed; <see cref="VerifySmsCodeAsync"/> then makes it their verified number.
    /// </summary>
    public Task<SendSignInCodeResponse> SendSignInCodeToNewNumberAsync(string signInToken, string phoneNumber, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.SendSignInCodeAsync(new() { SignInToken = signInToken, PhoneNumber = phoneNumber }, call.Options(cancellationToken)));

    /// <summary>Verifies the SMS code.</summary>
    public Task<VerifySecondFactorResponse> VerifySmsCodeAsync(string signInToken, string code, string? organizationId = null, CancellationToken cancellationToken = default) =>
        VerifyAsync(new() { SignInToken = signInToken, SmsCode = code, OrganizationId = organizationId ?? "" }, cancellationToken);

    /// <summary>Verifies the authenticator app's code.</summary>
    public Task<VerifySecondFactorResponse> VerifyAuthenticatorCodeAsync(string signInToken, string code, string? organizationId = null, CancellationToken cancellationToken = default) =>
        VerifyAsync(new() { SignInToken = signInToken, AuthenticatorCode = code, OrganizationId = organizationId ?? "" }, cancellationToken);

    /// <summary>Uses one of the person's recovery codes as the second factor.</summary>
    public Task<VerifySecondFactorResponse> VerifyRecoveryCodeAsync(string signInToken, string recoveryCode, string? organizationId = null, CancellationToken cancellationToken = default) =>
        VerifyAsync(new() { SignInToken = signInToken, RecoveryCode = recoveryCode, OrganizationId = organizationId ?? "" }, cancellationToken);

    /// <summary>The WebAuthn request options (JSON) of a passkey as the second factor, for the browser.</summary>
    public Task<RequestPasskeyChallengeResponse> RequestPasskeyChallengeAsync(string signInToken, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.RequestPasskeyChallengeAsync(new() { SignInToken = signInToken }, call.Options(cancellationToken)));

    /// <summary>Verifies the browser's passkey answer (its <c>toJSON()</c>) as the second factor.</summary>
    public Task<VerifySecondFactorResponse> VerifyPasskeyAsync(string signInToken, string credentialJson, string? organizationId = null, CancellationToken cancellationToken = default) =>
        VerifyAsync(new() { SignInToken = signInToken, PasskeyCredentialJson = credentialJson, OrganizationId = organizationId ?? "" }, cancellationToken);

    /// <summary>Starts a sign-in with a passkey alone: a sign-in token and the WebAuthn request options (JSON).</summary>
    public Task<StartPasskeySignInResponse> StartPasskeySignInAsync(CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.StartPasskeySignInAsync(new(), call.Options(cancellationToken)));

    /// <summary>Finishes a passkey sign-in: the session, or the organisations to choose from.</summary>
    public Task<FinishPasskeySignInResponse> FinishPasskeySignInAsync(string signInToken, string credentialJson, string? organizationId = null,
        CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.FinishPasskeySignInAsync(new() { SignInToken = signInToken, CredentialJson = credentialJson, OrganizationId = organizationId ?? "" },
            call.Options(cancellationToken)));

    /// <summary>Issues the session for one of the organisations the second-factor step listed.</summary>
    public async Task<IssuedSession> ChooseOrganizationAsync(string signInToken, string organizationId, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.ChooseOrganizationAsync(new() { SignInToken = signInToken, OrganizationId = organizationId }, call.Options(cancellationToken)))).Session;

    /// <summary>Starts "forgot password"; the answer is the same whether or not the address is known.</summary>
    public Task<StartPasswordResetResponse> StartPasswordResetAsync(string email, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.StartPasswordResetAsync(new() { Email = email }, call.Options(cancellationToken)));

    /// <summary>Sends a new reset code.</summary>
    public Task<ResendPasswordResetCodeResponse> ResendPasswordResetCodeAsync(string resetToken, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.ResendPasswordResetCodeAsync(new() { ResetToken = resetToken }, call.Options(cancellationToken)));

    /// <summary>Takes the e-mailed code and the new password; the second factor follows.</summary>
    public async Task<SignInChallenge> ResetPasswordAsync(string resetToken, string code, string newPassword, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.ResetPasswordAsync(new() { ResetToken = resetToken, Code = code, NewPassword = newPassword }, call.Options(cancellationToken)))).Challenge;

    private Task<VerifySecondFactorResponse> VerifyAsync(VerifySecondFactorRequest request, CancellationToken cancellationToken) =>
        ConnectCall.Run(client.VerifySecondFactorAsync(request, call.Options(cancellationToken)));
}
