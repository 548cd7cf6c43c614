using System.Buffers.Binary;
using Grpc.Core;

namespace Connect.Grpc.Tests.Hostile;

/// <summary>
/// Over real HTTP/2 (Kestrel): a message over the limit is refused from its frame header with RESOURCE_EXHAUSTED and
/// MESSAGE_TOO_LARGE, on every RPC; the organisation import keeps its own larger limit.
/// </summary>
public sealed class OversizeMessageTests : IDisposable
{
    private const int Limit = 1024 * 1024;
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    private readonly ConnectServerFactory _server = ConnectServerFactory.OnLoopback();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task AMessageOverTheLimit_IsRefusedWithMessageTooLarge_OnEveryRpc()
    {
        var invoker = _server.CreateChannel().CreateCallInvoker();
        // A string field of the first number holding the bytes: a well-formed message, only too large.
        var body = LengthDelimitedField(new byte[Limit + 1]);
        foreach (var rpc in RequestCatalogue.Methods.Where(m => m.Service.Name != "OrganizationService"))
        {
            var method = new Method<byte[], byte[]>(rpc.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary, rpc.Service.FullName, rpc.Name, Raw, Raw);
            var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                if (!rpc.IsServerStreaming)
                {
                    await invoker.AsyncUnaryCall(method, null, new(), body);
                    return;
                }
                using var call = invoker.AsyncServerStreamingCall(method, null, new(), body);
                await call.ResponseStream.MoveNext(CancellationToken.None);
            });
            Assert.True(refused.StatusCode == StatusCode.ResourceExhausted && refused.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason == "MESSAGE_TOO_LARGE",
                $"{rpc.FullName}: {refused.Status}");
        }
    }

    [Fact]
    public async Task TheImport_TakesMoreThanTheLimit_AndRefusesBeyondItsOwn()
    {
        var invoker = _server.CreateChannel().CreateCallInvoker();
        var import = new Method<byte[], byte[]>(MethodType.Unary, "connect.v1.OrganizationService", "ImportOrganizations", Raw, Raw);
        // Over the server-wide limit, within the import's: read by the service, which refuses it for its own reasons.
        var read = await Assert.ThrowsAsync<RpcException>(async () => await invoker.AsyncUnaryCall(import, null, new(), LengthDelimitedField(new byte[Limit + 1])));
        Assert.NotEqual(StatusCode.ResourceExhausted, read.StatusCode);
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "MESSAGE_TOO_LARGE",
            invoker.AsyncUnaryCall(import, null, new(), LengthDelimitedField(new byte[OrganizationGrpcServiceLimit + 1])));
    }

    /// <summary><c>OrganizationGrpcService.MaxReceiveMessageSize</c>.</summary>
    private const int OrganizationGrpcServiceLimit = 2 * 1024 * 1024;

    private static byte[] LengthDelimitedField(byte[] payload)
    {
        var length = new List<byte>();
        for (var value = (uint)payload.Length; ; value >>= 7)
        {
            if (value < 0x80) { length.Add((byte)value); break; }
            length.Add((byte)(value & 0x7F | 0x80));
        }
        return [0x0A, .. length, .. payload];
    }
}
