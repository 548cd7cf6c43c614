using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Connect.Client;

/// <summary>The one place where a typed method sets the deadline and turns a refusal into <see cref="ConnectClientException"/>.</summary>
public sealed class ConnectCall(IOptions<ConnectClientOptions> options)
{
    /// <summary>
    /// Call options with the configured deadline (<see cref="ConnectClientOptions.Deadline"/>, default 15 s, which also
    /// bounds the channel's retries of safe calls) and the caller's cancellation.
    /// </summary>
    public CallOptions Options(CancellationToken cancellationToken) =>
        new(deadline: DateTime.UtcNow + options.Value.Deadline, cancellationToken: cancellationToken);

    /// <summary>Awaits a unary call, translating its failure.</summary>
    public static async Task<T> Run<T>(AsyncUnaryCall<T> call)
    {
        using (call)
        {
            try
            {
                return await call.ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException exception)
            {
                throw ConnectClientException.FromRpcException(exception);
            }
        }
    }
}
