using Connect.V1;

namespace Connect.Client;

/// <summary>The fund's support contact, and the operators' help for people who cannot sign in.</summary>
public sealed class ConnectSupportClient(SupportService.SupportServiceClient client, ConnectCall call)
{
    /// <summary>Returns the fund's support contact.</summary>
    public Task<GetSupportContactResponse> GetSupportContactAsync(CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.GetSupportContactAsync(new(), call.Options(cancellationToken)));

    /// <summary>Operators: whether an address is locked after failed sign-ins.</summary>
    public Task<GetSignInLockResponse> GetSignInLockAsync(string email, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.GetSignInLockAsync(new() { Email = email }, call.Options(cancellationToken)));

    /// <summary>Operators: lifts an address's sign-in lock, with the reason for the audit log.</summary>
    public Task LiftSignInLockAsync(string email, string reason, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.LiftSignInLockAsync(new() { Email = email, Reason = reason }, call.Options(cancellationToken)));
}
