using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Connect.Grpc.Tests.Telemetry;

/// <summary>
/// Keeps every text a log record carries, whatever the output format would make of it: the rendered message, each
/// state value (what a JSON formatter writes as fields), the exception and every scope value.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(string Category, string Text)> Texts { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private void Add(string category, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                Texts.Enqueue((category, text));
                return;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                Texts.Enqueue((category, value.ToString() ?? ""));
                foreach (var (_, item) in pairs) Add(category, item);
                return;
            case System.Collections.IEnumerable items:
                foreach (var item in items) Add(category, item);
                return;
            default:
                Texts.Enqueue((category, value.ToString() ?? ""));
                return;
        }
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            capture.Add(category, formatter(state, exception));
            capture.Add(category, state);
            capture.Add(category, exception?.ToString());
            capture._scopes.ForEachScope((scope, _) => capture.Add(category, scope), (object?)null);
        }
    }
}
