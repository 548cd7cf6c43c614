using System.Text;

namespace Connect.Grpc.Telemetry;

/// <summary>
/// Makes a text that may come from a caller safe to write on one log line: line breaks, other C0 and C1 controls (ESC
/// drives a terminal), DEL, the Unicode line and paragraph separators and the bidirectional controls (which reorder what
/// a reader sees) are written as <c>\n</c>, <c>\r</c>, <c>\t</c> or <c>\uXXXX</c>. Used by <see cref="EscapingConsoleFormatter"/>
/// for every value that reaches the console, so no call site has to remember.
/// </summary>
public static class LogEscaping
{
    public static string Escape(string text) => Escape(text, keepLineBreaks: false);

    /// <summary>As <see cref="Escape(string)"/>, keeping LF and CR LF (the lines of a stack trace); any other control is escaped.</summary>
    public static string EscapeKeepingLineBreaks(string text) => Escape(text, keepLineBreaks: true);

    public static bool IsUnsafe(char c) =>
        c < 0x20 || c is >= '\u007F' and <= '\u009F'
        || c is '\u2028' or '\u2029' or '\u200E' or '\u200F' or '\u061C'
        || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';

    private static string Escape(string text, bool keepLineBreaks)
    {
        var first = FirstUnsafe(text, keepLineBreaks);
        if (first < 0) return text;
        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsUnsafe(c) || (keepLineBreaks && IsKeptLineBreak(text, i)))
            {
                escaped.Append(c);
                continue;
            }
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => $"\\u{(int)c:X4}",
            });
        }
        return escaped.ToString();
    }

    private static int FirstUnsafe(string text, bool keepLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]) && !(keepLineBreaks && IsKeptLineBreak(text, i))) return i;
        }
        return -1;
    }

    private static bool IsKeptLineBreak(string text, int i) =>
        text[i] == '\n' || (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n');
}
