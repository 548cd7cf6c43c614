using Connect.V1;

namespace Connect.Client;

/// <summary>Activation of a person an administrator authorised: the code of their e-mail, then their password. No session needed.</summary>
public sealed class ConnectActivationClient(ActivationService.ActivationServiceClient client, ConnectCall call)
{
    /// <summary>Whom an activation code is for.</summary>
    public Task<GetActivationResponse> GetActivationAsync(string activationCode, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.GetActivationAsync(new() { ActivationCode = activationCode }, call.Options(cancellationToken)));

    /// <summary>Sets the password; returns the e-mail address to sign in with.</summary>
    public async Task<string> ActivateAsync(string activationCode, string password, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.ActivateAsync(new() { ActivationCode = activationCode, Password = password }, call.Options(cancellationToken)))).Email;
}
