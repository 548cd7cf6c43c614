using System.Collections;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Connect.Grpc.Telemetry;

/// <summary>
/// Wraps a console formatter (<c>simple</c>, <c>json</c>, <c>systemd</c>, under its own name) so that no value of a log
/// record can start a new line or drive a terminal: the message, each structured value, each scope and the exception's
/// messages pass through <see cref="LogEscaping"/> before the formatter sees them. A record is thus one line (plus the
/// stack trace's own lines, indented by the formatter), whatever a caller put into an id, a name or a header.
/// </summary>
internal sealed class EscapingConsoleFormatter(ConsoleFormatter inner) : ConsoleFormatter(inner.Name)
{
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var state = new EscapedValues(logEntry.State, LogEscaping.Escape(message));
        var exception = logEntry.Exception is { } original ? new EscapedException(original) : null;
        var entry = new LogEntry<EscapedValues>(logEntry.LogLevel, logEntry.Category, logEntry.EventId, state, exception, static (s, _) => s.Text);
        inner.Write(in entry, scopeProvider is null ? null : new EscapedScopes(scopeProvider), textWriter);
    }

    /// <summary>A record's state or a scope, its text and its string values escaped; numbers, times and the like stay typed.</summary>
    private sealed class EscapedValues(object? original, string text) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?>[] _values = original is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.Select(p => new KeyValuePair<string, object?>(LogEscaping.Escape(p.Key), Value(p.Value))).ToArray()
            : [];

        public string Text => text;

        public static EscapedValues Of(object? original) => new(original, LogEscaping.Escape(original?.ToString() ?? ""));

        public int Count => _values.Length;

        public KeyValuePair<string, object?> this[int index] => _values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => text;

        private static object? Value(object? value) => value switch
        {
            null or bool or char or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal
                or DateTime or DateTimeOffset or TimeSpan or Guid or Enum => value,
            _ => LogEscaping.Escape(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
        };
    }

    private sealed class EscapedScopes(IExternalScopeProvider inner) : IExternalScopeProvider
    {
        public void ForEachScope<TState>(Action<object?, TState> callback, TState state) =>
            inner.ForEachScope((scope, s) => callback(EscapedValues.Of(scope), s), state);

        public IDisposable Push(object? state) => inner.Push(state);
    }

    /// <summary>
    /// The exception as the formatter writes it (<see cref="ToString"/>), with the messages of it and its inner exceptions
    /// escaped, so a message that holds a caller's value stays on its line; the stack trace keeps its line breaks.
    /// </summary>
    private sealed class EscapedException(Exception original) : Exception(LogEscaping.Escape(original.Message))
    {
        public override string? StackTrace => original.StackTrace;

        public override string ToString()
        {
            var text = original.ToString();
            for (var inner = original; inner is not null; inner = inner.InnerException)
            {
                if (inner.Message.Length > 0) text = text.Replace(inner.Message, LogEscaping.Escape(inner.Message), StringComparison.Ordinal);
            }
            return LogEscaping.EscapeKeepingLineBreaks(text);
        }
    }
}
