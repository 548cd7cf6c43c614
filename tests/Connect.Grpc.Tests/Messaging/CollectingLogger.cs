using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Connect.Grpc.Tests.Messaging;

/// <summary>Keeps every formatted log line, so tests can prove that no secret was logged.</summary>
public sealed class CollectingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
}
