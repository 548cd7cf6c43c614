using System.Buffers.Binary;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Connect.Benchmarks;

/// <summary>
/// Request bodies for an outside HTTP/2 load tool (h2load <c>-d</c>): one gRPC message as it travels, a flag byte
/// (0: not compressed), its length as 4 bytes big-endian, then the protobuf encoding of the generated type.
/// </summary>
internal static class GrpcFrames
{
    /// <summary>Writes <c>&lt;service&gt;.&lt;method&gt;.bin</c> (e.g. <c>connect.v1.SessionService.CheckAccess.bin</c>); answers its path.</summary>
    public static string Write(string directory, ServiceDescriptor service, string method, IMessage request)
    {
        if (service.FindMethodByName(method) is not { } found || found.InputType != request.Descriptor)
            throw new ArgumentException($"{service.FullName} has no method {method} taking {request.Descriptor.FullName}.");
        var message = request.ToByteArray();
        var frame = new byte[5 + message.Length];
        frame[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)message.Length);
        message.CopyTo(frame, 5);
        var path = Path.Combine(directory, $"{service.FullName}.{method}.bin");
        File.WriteAllBytes(path, frame);
        return path;
    }
}
