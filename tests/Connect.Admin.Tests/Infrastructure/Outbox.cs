using System.Text.Json;
using System.Text.RegularExpressions;
using MimeKit;

namespace Connect.Admin.Tests.Infrastructure;

/// <summary>
/// The messages the server wrote to its data directory: e-mails as <c>.eml</c> in <c>mail-pickup/</c>, SMS as JSON in
/// <c>sms-outbox/</c>. A background outbox writes them a few milliseconds after the call, so reading polls; each
/// file is handed out once.
/// </summary>
public sealed partial class Outbox(string dataDirectory)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly HashSet<string> taken = [];

    /// <summary>The next e-mail to <paramref name="to"/> whose text matches <paramref name="body"/>; returns that text.</summary>
    public Task<string> WaitForEmailAsync(string to, Regex body) =>
        WaitForAsync(Path.Combine(dataDirectory, "mail-pickup"), "*.eml", file =>
        {
            var message = MimeMessage.Load(file);
            var text = message.TextBody ?? message.HtmlBody ?? string.Empty;
            var addressed = message.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase));
            return addressed && body.IsMatch(text) ? text : null;
        }, $"an e-mail to {to} matching {body}");

    /// <summary>The next SMS to <paramref name="to"/> (compared by its digits); returns its text.</summary>
    public Task<string> WaitForSmsAsync(string to) =>
        WaitForAsync(Path.Combine(dataDirectory, "sms-outbox"), "*.json", file =>
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var recipient = json.RootElement.GetProperty("to").GetString() ?? string.Empty;
            return Digits(recipient).EndsWith(Digits(to)[^9..], StringComparison.Ordinal)
                ? json.RootElement.GetProperty("text").GetString()
                : null;
        }, $"an SMS to {to}");

    /// <summary>The only 6-digit number of a message (not part of a longer token).</summary>
    public static string SixDigitCode(string text) => SixDigits().Matches(text).Select(m => m.Value).Distinct().Single();

    private async Task<string> WaitForAsync(string folder, string pattern, Func<string, string?> read, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var files = Directory.Exists(folder)
                ? Directory.GetFiles(folder, pattern).OrderBy(File.GetLastWriteTimeUtc).ToList()
                : [];
            foreach (var file in files)
            {
                lock (taken)
                {
                    if (taken.Contains(file)) continue;
                }
                string? found;
                try
                {
                    found = read(file);
                }
                catch (Exception exception) when (exception is IOException or FormatException or JsonException)
                {
                    continue; // Still being written: read it on the next round.
                }
                if (found is null) continue;
                lock (taken)
                {
                    // Another waiter (a registration running in the background) may have taken it meanwhile.
                    if (!taken.Add(file)) continue;
                }
                return found;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No {what} arrived in {folder} within {Patience.TotalSeconds} s.");
    }

    private static string Digits(string number) => new(number.Where(char.IsDigit).ToArray());

    [GeneratedRegex(@"(?<![\w-])\d{6}(?![\w-])")]
    private static partial Regex SixDigits();
}
