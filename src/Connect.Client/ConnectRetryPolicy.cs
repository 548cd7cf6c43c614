using Connect.V1;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client.Configuration;

namespace Connect.Client;

/// <summary>
/// Which calls the channel repeats by itself: only those that change nothing (reads, access checks, and the token
/// exchange, where a second token is harmless), only on <c>UNAVAILABLE</c>, at most <see cref="MaxAttempts"/> attempts
/// with a backoff, all within the call's deadline. A change (<c>CreateMember</c>, <c>VerifyMemberPhone</c>, …) is never
/// repeated: whether the first attempt reached Connect is unknown, and a code or an SMS must not be spent twice.
/// </summary>
internal static class ConnectRetryPolicy
{
    internal const int MaxAttempts = 3;

    /// <summary>
    /// The methods that are safe to repeat: those the protos mark <c>option idempotency_level = NO_SIDE_EFFECTS</c>, in
    /// every service of <c>connect.v1</c> generated into this assembly.
    /// </summary>
    internal static readonly IReadOnlyList<MethodName> SafeMethods = ConnectServices()
        .SelectMany(service => service.Methods)
        .Where(method => method.GetOptions()?.IdempotencyLevel == MethodOptions.Types.IdempotencyLevel.NoSideEffects)
        .Select(method => new MethodName { Service = method.Service.FullName, Method = method.Name })
        .ToList();

    /// <summary>The service config every Connect channel gets.</summary>
    internal static ServiceConfig ServiceConfig()
    {
        var method = new MethodConfig
        {
            RetryPolicy = new RetryPolicy
            {
                MaxAttempts = MaxAttempts,
                InitialBackoff = TimeSpan.FromMilliseconds(200),
                MaxBackoff = TimeSpan.FromSeconds(2),
                BackoffMultiplier = 2,
                RetryableStatusCodes = { StatusCode.Unavailable },
            },
        };
        foreach (var name in SafeMethods) method.Names.Add(name);
        return new ServiceConfig { MethodConfigs = { method } };
    }

    /// <summary>The services of the generated files, found through their reflection classes, so that a new service needs no list.</summary>
    internal static IEnumerable<ServiceDescriptor> ConnectServices() =>
        typeof(SessionService).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(SessionService).Namespace && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty(nameof(SessionServiceReflection.Descriptor))?.GetValue(null))
            .OfType<FileDescriptor>()
            .Where(file => file.Package == "connect.v1")
            .SelectMany(file => file.Services);
}
