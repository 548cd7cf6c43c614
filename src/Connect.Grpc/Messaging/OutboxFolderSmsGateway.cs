using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connect.Grpc.Messaging;

/// <summary>
/// Writes each SMS as <c>&lt;id&gt;.json</c> (<c>{"to", "text", "createdAt"}</c>) into a folder, for development
/// and for machines without a gateway.
/// </summary>
public sealed class OutboxFolderSmsGateway(string directory) : ISmsGateway
{
    // Relaxed escaping keeps "à" and "ü" readable for the person looking into the folder.
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Folder { get; } = directory;

    public Task SendAsync(SmsToSend sms, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(Folder, sms.Id + ".json",
            (stream, ct) => JsonSerializer.SerializeAsync(stream,
                new OutboxSms(sms.To, sms.Text, DateTime.SpecifyKind(sms.CreatedAt, DateTimeKind.Utc)), Json, ct),
            cancellationToken);

    private sealed record OutboxSms(
        [property: JsonPropertyName("to")] string To,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("createdAt")] DateTime CreatedAt);
}
