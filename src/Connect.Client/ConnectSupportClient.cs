using Connect.V1;

namespace Connect.Client;

/// <summary>The fund's support contact.</summary>
public sealed class ConnectSupportClient(SupportService.SupportServiceClient client, ConnectCall call)
{
    /// <summary>Returns the fund's support contact.</summary>
    public Task<GetSupportContactResponse> GetSupportContactAsync(CancellationToken cancellationToken = default) =>
        ConnectCall.Run(client.GetSupportContactAsync(new(), call.Options(cancellationToken)));
}
