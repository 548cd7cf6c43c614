using Connect.V1;

namespace Connect.Client;

/// <summary>
/// The registration of an organisation's administrator, step by step as in the fund's guide. Each step
/// carries the registration token that <see cref="RedeemAccessCodeAsync"/> returned.
/// </summary>
/// <example>
/// <code>
/// var started = await registration.RedeemAccessCodeAsync("ABCD-EFGH-JKLM", ct);
/// await registration.SubmitEmailAsync(started.RegistrationToken, "anna@example.ch", Language.Fr, ct);
/// </code>
/// </example>
public sealed class ConnectRegistrationClient(RegistrationService.RegistrationServiceClient client, ConnectCall call)
{
    /// <summary>Starts a registration with an access code.</summary>
    public Task<RedeemAccessCodeResponse> RedeemAccessCodeAsync(string accessCode, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.RedeemAccessCodeAsync(new() { AccessCode = accessCode }, call.Options(cancellationToken)));

    /// <summary>Returns the registration's current step.</summary>
    public async Task<Registration> GetRegistrationAsync(string registrationToken, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.GetRegistrationAsync(new() { RegistrationToken = registrationToken }, call.Options(cancellationToken)))).Registration;

    /// <summary>Submits the e-mail address; a link and a code are e-mailed to it.</summary>
    public Task<SubmitEmailResponse> SubmitEmailAsync(string registrationToken, string email, Language language, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.SubmitEmailAsync(new() { RegistrationToken = registrationToken, Email = email, Language = language }, call.Options(cancellationToken)));

    /// <summary>Asks for a new e-mail code.</summary>
    public Task<ResendEmailCodeResponse> ResendEmailCodeAsync(string registrationToken, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.ResendEmailCodeAsync(new() { RegistrationToken = registrationToken }, call.Options(cancellationToken)));

    /// <summary>Verifies the e-mail address with the code from the e-mail.</summary>
    public async Task<Registration> VerifyEmailAsync(string registrationToken, string code, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.VerifyEmailAsync(new() { RegistrationToken = registrationToken, Code = code }, call.Options(cancellationToken)))).Registration;

    /// <summary>Verifies the e-mail address with the link's token; returns the registration token to carry on with.</summary>
    public Task<VerifyEmailLinkResponse> VerifyEmailLinkAsync(string linkToken, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.VerifyEmailLinkAsync(new() { LinkToken = linkToken }, call.Options(cancellationToken)));

    /// <summary>Completes a new person's profile.</summary>
    public async Task<Registration> CreateProfileAsync(string registrationToken, string givenName, string familyName, string password, Language language, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.CreateProfileAsync(new()
        {
            RegistrationToken = registrationToken, GivenName = givenName, FamilyName = familyName, Password = password, Language = language,
        }, call.Options(cancellationToken)))).Registration;

    /// <summary>Lets an existing person confirm with their password; an SMS code goes to their number.</summary>
    public Task<ConfirmExistingPersonResponse> ConfirmExistingPersonAsync(string registrationToken, string password, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.ConfirmExistingPersonAsync(new() { RegistrationToken = registrationToken, Password = password }, call.Options(cancellationToken)));

    /// <summary>Sends an SMS code to the mobile number (again, when called again).</summary>
    public Task<StartPhoneVerificationResponse> StartPhoneVerificationAsync(string registrationToken, string phoneNumber, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.StartPhoneVerificationAsync(new() { RegistrationToken = registrationToken, PhoneNumber = phoneNumber }, call.Options(cancellationToken)));

    /// <summary>Verifies the mobile number with the SMS code.</summary>
    public async Task<Registration> VerifyPhoneAsync(string registrationToken, string code, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.VerifyPhoneAsync(new() { RegistrationToken = registrationToken, Code = code }, call.Options(cancellationToken)))).Registration;

    /// <summary>Finishes the registration; the answer carries the new session token.</summary>
    public Task<FinishRegistrationResponse> FinishRegistrationAsync(string registrationToken, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.FinishRegistrationAsync(new() { RegistrationToken = registrationToken }, call.Options(cancellationToken)));
}
