using System.Reflection;
using Google.Protobuf.Reflection;

namespace Connect.Grpc.Tests.Hostile;

/// <summary>Every RPC of the API, read from the generated descriptors, so that a new RPC is fuzzed without anyone listing it.</summary>
public static class RequestCatalogue
{
    public static IReadOnlyList<MethodDescriptor> Methods { get; } = typeof(Connect.V1.ErrorReason).Assembly.GetTypes()
        .Where(t => t.Namespace == "Connect.V1" && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
        .Select(t => (FileDescriptor)t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)
        .SelectMany(file => file.Services)
        .SelectMany(service => service.Methods)
        .OrderBy(method => method.FullName, StringComparer.Ordinal)
        .ToList();
}
