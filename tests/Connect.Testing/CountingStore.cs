using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Connect.Grpc.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Testing;

/// <summary>
/// The server's store, noting every question and write of the flows ("Insert SignIn", "Get Person", "PersonByEmail")
/// while <see cref="Recording"/> is on, so that a test can tell whether two calls did the same work. The outbox
/// dispatcher's own reads and writes (everything on an outbox message but its insert) run in the background and are
/// left out.
/// </summary>
public sealed class CountingStore(IStore inner) : IStore, IDisposable
{
    private readonly ConcurrentQueue<string> _operations = new();

    public bool Recording { get; set; }

    /// <summary>Registers the counting store in place of the server's own.</summary>
    public static void Register(IServiceCollection services)
    {
        var server = services.Last(d => d.ServiceType == typeof(IStore)).ImplementationFactory!;
        services.AddSingleton<IStore>(provider => new CountingStore((IStore)server(provider)));
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    /// <summary>What was noted since the last call, sorted, and forgets it.</summary>
    public IReadOnlyList<string> Take()
    {
        var taken = new List<string>();
        while (_operations.TryDequeue(out var operation)) taken.Add(operation);
        return [.. taken.Order(StringComparer.Ordinal)];
    }

    public T Read<T>(Func<IStoreReader, T> read) => inner.Read(r => read(Noting<IStoreReader>(r)));

    public T Write<T>(Func<IStoreWriter, T> write) => inner.Write(w => write(Noting<IStoreWriter>(w)));

    private TPort Noting<TPort>(IStoreReader port) where TPort : class, IStoreReader
    {
        var proxy = DispatchProxy.Create<TPort, Noter>();
        ((Noter)(object)proxy).Bind(port, this);
        return proxy;
    }

    private void Note(MethodInfo method)
    {
        if (!Recording) return;
        // Get, Scan, Insert, Update and Delete name their entity type; every other question is named by itself.
        var type = method.IsGenericMethod ? method.GetGenericArguments()[0] : null;
        var outbox = type == typeof(OutboxMessage) ? method.Name != "Insert" : method.Name.Contains("Outbox", StringComparison.Ordinal);
        if (!outbox) _operations.Enqueue(type is null ? method.Name : $"{method.Name} {type.Name}");
    }

    /// <summary>Passes each call of the port on, noting it first.</summary>
    public class Noter : DispatchProxy
    {
        private IStoreReader? _inner;
        private CountingStore? _counter;

        internal void Bind(IStoreReader inner, CountingStore counter) => (_inner, _counter) = (inner, counter);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            _counter!.Note(targetMethod!);
            try
            {
                return targetMethod!.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }
    }
}
