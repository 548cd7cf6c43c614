using System.Collections.Concurrent;
using MimeKit;

namespace Connect.Testing;

/// <summary>Reads the e-mails the server dropped into its pickup folder.</summary>
public sealed class Mailbox(string directory)
{
    // The server renames each e-mail into place whole and never changes it, so each file is parsed once: a folder shared
    // by the tests of a class holds hundreds, and waiting tests look every few milliseconds.
    private static readonly ConcurrentDictionary<string, MimeMessage> Parsed = new();

    public IReadOnlyList<MimeMessage> To(string address)
    {
        if (!Directory.Exists(directory)) return [];
        return Directory.GetFiles(directory, "*.eml")
            .Select(file => Parsed.GetOrAdd(file, Load))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(m => m.Date)
            .ToList();
    }

    /// <summary>
    /// Parsed, and every part the tests read touched once before it is shared: MimeKit fills some of them on first use,
    /// and two tests reading a new message at once saw "Collection was modified" in its address list.
    /// </summary>
    private static MimeMessage Load(string path)
    {
        var message = MimeMessage.Load(path);
        _ = message.To.Mailboxes.Count();
        _ = message.Date;
        _ = message.TextBody;
        _ = message.HtmlBody;
        return message;
    }

    /// <summary>Waits until the <paramref name="count"/>-th e-mail to the address arrived; returns its text.</summary>
    public Task<string> WaitForText(string address, int count = 1) =>
        WaitFor(address, messages => messages.Count >= count ? Text(messages[count - 1]) : null, $"No e-mail number {count} to {address} arrived.");

    /// <summary>
    /// Waits until an e-mail to the address says <paramref name="phrase"/>; returns its text. Unlike counting, this holds
    /// when an earlier message is delivered late.
    /// </summary>
    public Task<string> WaitForTextContaining(string address, string phrase) =>
        WaitFor(address, messages => messages.Select(Text).FirstOrDefault(text => text.Contains(phrase, StringComparison.Ordinal)),
            $"No e-mail to {address} says \"{phrase}\".");

    private static string Text(MimeMessage message) => message.TextBody ?? message.HtmlBody ?? "";

    private async Task<string> WaitFor(string address, Func<IReadOnlyList<MimeMessage>, string?> found, string failure)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (found(To(address)) is { } text) return text;
            await Task.Delay(10);
        }
        throw new TimeoutException(failure);
    }
}
