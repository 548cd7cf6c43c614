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

    /// <summary>Operators: finds persons by e-mail (or its start), name words or mobile number; at most 50.</summary>
    public Task<SearchPersonsResponse> SearchPersonsAsync(string query, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.SearchPersonsAsync(new() { Query = query }, call.Options(cancellationToken)));

    /// <summary>Operators: a person's memberships, lock, second factors and recent sign-ins.</summary>
    public Task<GetPersonResponse> GetPersonAsync(string personId, CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.GetPersonAsync(new() { Id = personId }, call.Options(cancellationToken)));

    /// <summary>
    /// Operators: resets a person's second factors after a lost phone (they verify a new mobile number at their next
    /// sign-in; their sessions end); the reason goes to the audit log. Returns how many sessions ended.
    /// </summary>
    public async Task<int> ResetSecondFactorAsync(string personId, string reason, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.ResetSecondFactorAsync(new() { PersonId = personId, Reason = reason }, call.Options(cancellationToken)))).EndedSessions;

    /// <summary>Operators: sends a new activation e-mail to a person who has not chosen a password yet; returns when it expires.</summary>
    public async Task<DateTime> ResendPersonActivationAsync(string personId, string reason, CancellationToken cancellationToken = default) =>
        (await ConnectCall.Run(client.ResendPersonActivationAsync(new() { PersonId = personId, Reason = reason }, call.Options(cancellationToken))))
        .ExpireTime.ToDateTime();
}
