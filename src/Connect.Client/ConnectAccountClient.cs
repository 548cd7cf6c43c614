using Connect.V1;

namespace Connect.Client;

/// <summary>
/// The signed-in person's own account: profile, password, mobile number, authenticator, recovery codes, passkeys, and the
/// organisations waiting for their consent.
/// </summary>
public sealed class ConnectAccountClient(AccountService.AccountServiceClient client, ConnectCall call)
{
    /// <summary>Returns the person's profile and second factors.</summary>
    public async Task<Account> GetAccountAsync(CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.GetAccountAsync(new(), call.Options(cancellationToken)))).Account;

    /// <summary>Changes the names and the language.</summary>
    public async Task<Account> UpdateProfileAsync(string givenName, string familyName, Language language, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.UpdateProfileAsync(new() { GivenName = givenName, FamilyName = familyName, Language = language }, call.Options(cancellationToken)))).Account;

    /// <summary>Changes the password; the person's other sessions end. Returns how many ended.</summary>
    public async Task<int> ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.ChangePasswordAsync(new() { CurrentPassword = currentPassword, NewPassword = newPassword }, call.Options(cancellationToken)))).EndedSessions;

    /// <summary>Sends an SMS code to a new mobile number.</summary>
    public Task<StartPhoneChangeResponse> StartPhoneChangeAsync(string phoneNumber, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.StartPhoneChangeAsync(new() { PhoneNumber = phoneNumber }, call.Options(cancellationToken)));

    /// <summary>Confirms the new mobile number with its SMS code.</summary>
    public async Task<Account> ConfirmPhoneChangeAsync(string code, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.ConfirmPhoneChangeAsync(new() { Code = code }, call.Options(cancellationToken)))).Account;

    /// <summary>Creates an authenticator secret to scan (as text and as an <c>otpauth://</c> URI).</summary>
    public Task<StartAuthenticatorEnrollmentResponse> StartAuthenticatorEnrollmentAsync(CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.StartAuthenticatorEnrollmentAsync(new(), call.Options(cancellationToken)));

    /// <summary>Confirms the authenticator with its first code.</summary>
    public async Task<Account> ConfirmAuthenticatorEnrollmentAsync(string code, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.ConfirmAuthenticatorEnrollmentAsync(new() { Code = code }, call.Options(cancellationToken)))).Account;

    /// <summary>Removes the authenticator with the password and its current code.</summary>
    public async Task<Account> RemoveAuthenticatorAsync(string password, string authenticatorCode, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.RemoveAuthenticatorAsync(new() { Password = password, AuthenticatorCode = authenticatorCode }, call.Options(cancellationToken)))).Account;

    /// <summary>Removes the authenticator with the password and a recovery code (lost device).</summary>
    public async Task<Account> RemoveAuthenticatorWithRecoveryCodeAsync(string password, string recoveryCode, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.RemoveAuthenticatorAsync(new() { Password = password, RecoveryCode = recoveryCode }, call.Options(cancellationToken)))).Account;

    /// <summary>Creates 10 new recovery codes (shown once); earlier codes die.</summary>
    public async Task<IReadOnlyList<string>> CreateRecoveryCodesAsync(string password, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.CreateRecoveryCodesAsync(new() { Password = password }, call.Options(cancellationToken)))).RecoveryCodes;

    /// <summary>The person's passkeys and security keys, oldest first.</summary>
    public async Task<IReadOnlyList<Passkey>> ListPasskeysAsync(CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.ListPasskeysAsync(new(), call.Options(cancellationToken)))).Passkeys;

    /// <summary>Starts adding a passkey, with the password: the WebAuthn creation options (JSON) for the browser.</summary>
    public Task<StartPasskeyRegistrationResponse> StartPasskeyRegistrationAsync(string password, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.StartPasskeyRegistrationAsync(new() { Password = password }, call.Options(cancellationToken)));

    /// <summary>Adds the passkey the browser created (its <c>toJSON()</c>) under the name the person gives it.</summary>
    public async Task<Passkey> FinishPasskeyRegistrationAsync(string name, string credentialJson, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.FinishPasskeyRegistrationAsync(new() { Name = name, CredentialJson = credentialJson }, call.Options(cancellationToken)))).Passkey;

    /// <summary>Removes one of the person's passkeys, with the password.</summary>
    public async Task RemovePasskeyAsync(string passkeyId, string password, CancellationToken cancellationToken = default) =>
        await ConnectCall.Run(client.RemovePasskeyAsync(new() { PasskeyId = passkeyId, Password = password }, call.Options(cancellationToken)));

    /// <summary>The organisations that want to give the person access and wait for their consent, oldest first.</summary>
    public async Task<IReadOnlyList<MembershipInvitation>> ListMembershipInvitationsAsync(CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.ListMembershipInvitationsAsync(new(), call.Options(cancellationToken)))).MembershipInvitations;

    /// <summary>Accepts an invitation: the membership becomes active. Returns the organisation's display name.</summary>
    /// <exception cref="ConnectClientException"><see cref="ErrorReason.MembershipInvitationNotFound"/> when it no longer waits.</exception>
    public async Task<string> AcceptMembershipInvitationAsync(string membershipInvitationId, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.AcceptMembershipInvitationAsync(new() { MembershipInvitationId = membershipInvitationId },
            call.Options(cancellationToken)))).OrganizationDisplayName;

    /// <summary>Declines an invitation: the membership is removed and nothing of the person stays with the organisation.</summary>
    /// <exception cref="ConnectClientException"><see cref="ErrorReason.MembershipInvitationNotFound"/> when it no longer waits.</exception>
    public async Task DeclineMembershipInvitationAsync(string membershipInvitationId, CancellationToken cancellationToken = default) =>
        await ConnectCall.Run(client.DeclineMembershipInvitationAsync(new() { MembershipInvitationId = membershipInvitationId },
            call.Options(cancellationToken)));
}
