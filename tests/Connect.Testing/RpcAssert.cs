using Connect.V1;
using Google.Rpc;
using Grpc.Core;

namespace Connect.Testing;

/// <summary>Asserts a refused call: its status code and its <c>ErrorInfo.reason</c>.</summary>
public static class RpcAssert
{
    public static async Task<Google.Rpc.Status> Fails(StatusCode code, string reason, Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, exception.StatusCode);
        var status = exception.GetRpcStatus();
        Assert.NotNull(status);
        var info = status!.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal(reason, info!.Reason);
        Assert.Equal("connect", info.Domain);
        return status;
    }

    public static Task<Google.Rpc.Status> Fails<T>(StatusCode code, string reason, AsyncUnaryCall<T> call) =>
        Fails(code, reason, async () => await call);

    public static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };
}
