using System.Collections.Concurrent;
using System.Text.Json;

namespace Connect.Testing;

/// <summary>Reads the SMS the server wrote to its outbox folder.</summary>
public sealed class SmsOutbox(string directory)
{
    // Each file is renamed into place whole and never changes: parsed once (see Mailbox).
    private static readonly ConcurrentDictionary<string, (string To, string Text, DateTime CreatedAt)> Parsed = new();

    public IReadOnlyList<(string To, string Text, DateTime CreatedAt)> To(string number)
    {
        if (!Directory.Exists(directory)) return [];
        return Directory.GetFiles(directory, "*.json")
            .Select(file => Parsed.GetOrAdd(file, Read))
            .Where(sms => sms.To == number)
            .OrderBy(sms => sms.CreatedAt)
            .ToList();
    }

    private static (string To, string Text, DateTime CreatedAt) Read(string file)
    {
        var json = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
        return (json.GetProperty("to").GetString()!, json.GetProperty("text").GetString()!, json.GetProperty("createdAt").GetDateTime());
    }

    /// <summary>Waits until the <paramref name="count"/>-th SMS to the number arrived; returns its text.</summary>
    public async Task<string> WaitForText(string number, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var messages = To(number);
            if (messages.Count >= count) return messages[count - 1].Text;
            await Task.Delay(10);
        }
        throw new TimeoutException($"No SMS number {count} to {number} arrived.");
    }
}
