using Google.Protobuf.Reflection;
using Google.Rpc;

namespace Connect.Grpc.Rest;

/// <summary>The error details a REST refusal may carry.</summary>
internal static class RestErrors
{
    public static readonly TypeRegistry Types = TypeRegistry.FromMessages(ErrorInfo.Descriptor, BadRequest.Descriptor, RetryInfo.Descriptor);
}
