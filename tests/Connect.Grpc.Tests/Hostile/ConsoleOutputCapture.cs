using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Connect.Grpc.Tests.Hostile;

/// <summary>
/// What the console would print: every record the server's filters let through, written by the server's own registered
/// console formatter (<c>simple</c> or <c>json</c>) exactly as the console logger calls it, into memory instead of stdout
/// (which the test runner shares between tests).
/// </summary>
public sealed class ConsoleOutputCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConsoleFormatter _formatter;
    private readonly StringWriter _output = new();
    private IExternalScopeProvider? _scopes;

    private ConsoleOutputCapture(ConsoleFormatter formatter) => _formatter = formatter;

    /// <summary>Adds a capture through the formatter named <paramref name="formatterName"/>; <paramref name="capture"/> receives it once the server starts.</summary>
    public static Action<IServiceCollection> Register(string formatterName, Action<ConsoleOutputCapture> capture) => services =>
        services.AddSingleton<ILoggerProvider>(provider =>
        {
            var formatter = provider.GetServices<ConsoleFormatter>().Single(f => f.Name == formatterName);
            var created = new ConsoleOutputCapture(formatter);
            capture(created);
            return created;
        });

    public string Text
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The bytes written so far, as UTF-8 on a console.</summary>
    public long Bytes => Encoding.UTF8.GetByteCount(Text);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(ConsoleOutputCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes?.Push(state) ?? NullScope.Instance;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter);
            lock (capture._output) capture._formatter.Write(in entry, capture._scopes, capture._output);
        }
    }

    private sealed class NullScope : IDisposable
    {
        public static readonly NullScope Instance = new();
        public void Dispose() { }
    }
}
