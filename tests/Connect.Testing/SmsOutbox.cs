using System.Text.Json;

namespace Connect.Testing;

/// <summary>Reads the SMS the server wrote to its outbox folder.</summary>
public sealed class SmsOutbox(string directory)
{
    public IReadOnlyList<(string To, string Text, DateTime CreatedAt)> To(string number)
    {
        if (!Directory.Exists(directory)) return [];
        return Directory.GetFiles(directory, "*.json")
            .Select(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement)
            .Select(json => (To: json.GetProperty("to").GetString()!, Text: json.GetProperty("text").GetString()!, CreatedAt: json.GetProperty("createdAt").GetDateTime()))
            .Where(sms => sms.To == number)
            .OrderBy(sms => sms.CreatedAt)
            .ToList();
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
