using System.Reflection;
using Connect.Grpc.Telemetry;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;

namespace Connect.Grpc.Services;

/// <summary>
/// grpc-dotnet's own way of finding a service's methods (the generated <c>BindService</c>), with each request marshaller
/// wrapped by <see cref="MalformedRequests.Guard{T}"/>. It replaces grpc-dotnet's internal <c>BinderServiceMethodProvider</c>
/// (see <see cref="GuardedServiceMethodProviderExtensions.AddGuardedGrpcMethods"/>), so it covers every service mapped, Connect's as well as health and reflection.
/// </summary>
internal sealed class GuardedServiceMethodProvider<TService>(ILoggerFactory loggers, ConnectMetrics metrics, DeclaredAccess access,
    IServiceProvider services) : IServiceMethodProvider<TService> where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        // Both would map every method twice, and every call would fail as ambiguous.
        if (services.GetServices<IServiceMethodProvider<TService>>().Any(p => p.GetType().Name == GuardedServiceMethodProviderExtensions.OriginalName))
            throw new InvalidOperationException("grpc-dotnet's BinderServiceMethodProvider is registered again after AddGuardedGrpcMethods; call that last.");
        var attribute = BindAttribute()
            ?? throw new InvalidOperationException($"{typeof(TService).Name} has no generated BindService method.");
        var bind = attribute.BindType.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == attribute.BindMethodName && m.GetParameters() is [{ ParameterType: var binder }, _] && binder == typeof(ServiceBinderBase));
        var logger = loggers.CreateLogger(typeof(MalformedRequests).FullName!);
        bind.Invoke(null, [new Binder(context, bind.GetParameters()[1].ParameterType, logger, metrics, access), null]);
    }

    /// <summary>On the generated base class, so searched up the hierarchy as grpc-dotnet does.</summary>
    private static BindServiceMethodAttribute? BindAttribute()
    {
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } attribute) return attribute;
        }
        return null;
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context, Type declaringType, ILogger logger, ConnectMetrics metrics,
        DeclaredAccess access) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
            context.AddUnaryMethod(Guarded(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(Guarded(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(Guarded(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(Guarded(method), metadata, invoker);
        }

        /// <summary>Also the moment a mapped method without a declared access stops the server.</summary>
        private Method<TRequest, TResponse> Guarded<TRequest, TResponse>(Method<TRequest, TResponse> method) where TRequest : class where TResponse : class
        {
            access.Of(method.FullName);
            return new(method.Type, method.ServiceName, method.Name, MalformedRequests.Guard(method.RequestMarshaller, method, logger, metrics),
                method.ResponseMarshaller);
        }

        /// <summary>As grpc-dotnet does it: the service's override of the generated base method, and its attributes as endpoint metadata.</summary>
        private (TDelegate Invoker, List<object> Metadata) Model<TDelegate>(string name, params Type[] parameters) where TDelegate : Delegate
        {
            var handler = Handler(name, parameters) ?? throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)}.");
            var metadata = new List<object>();
            metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(handler.GetCustomAttributes(inherit: true));
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler), metadata);
        }

        private MethodInfo? Handler(string name, Type[] parameters)
        {
            for (var type = typeof(TService); type is not null; type = type.BaseType)
            {
                var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, binder: null, parameters, modifiers: null);
                if (method is null) return null;
                if (method.IsVirtual && method.GetBaseDefinition().DeclaringType == declaringType) return method;
            }
            return null;
        }
    }
}

internal static class GuardedServiceMethodProviderExtensions
{
    /// <summary>
    /// Replaces grpc-dotnet's provider with <see cref="GuardedServiceMethodProvider{TService}"/>. Call it after the last
    /// <c>AddGrpc</c> (which <c>AddJsonTranscoding</c> and others call again, each time registering grpc-dotnet's provider
    /// anew); the server refuses to start if the original is missing (renamed by an upgrade) or back.
    /// </summary>
    public static IServiceCollection AddGuardedGrpcMethods(this IServiceCollection services)
    {
        var originals = services.Where(IsOriginal).ToList();
        if (originals.Count == 0)
            throw new InvalidOperationException("grpc-dotnet's BinderServiceMethodProvider was not found; call AddGrpc first, or review this replacement after an upgrade.");
        foreach (var original in originals) services.Remove(original);
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(GuardedServiceMethodProvider<>));
        return services;
    }

    /// <summary>The name of grpc-dotnet's internal provider, the one thing this replacement assumes about its insides.</summary>
    public const string OriginalName = "BinderServiceMethodProvider`1";

    private static bool IsOriginal(ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(IServiceMethodProvider<>) && descriptor.ImplementationType?.Name == OriginalName;
}
