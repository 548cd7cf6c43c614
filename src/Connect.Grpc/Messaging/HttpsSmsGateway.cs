using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;

namespace Connect.Grpc.Messaging;

/// <summary>
/// Posts <c>{"to", "text", "sender"}</c> as JSON to a configured HTTPS gateway, with basic or bearer
/// authentication. Anything but a 2xx answer throws, so the outbox retries.
/// </summary>
public sealed class HttpsSmsGateway(IHttpClientFactory httpClients, HttpsSmsGatewayOptions options) : ISmsGateway
{
    public const string HttpClientName = "Connect.Sms";

    public async Task SendAsync(SmsToSend sms, CancellationToken cancellationToken)
    {
        var url = options.Url ?? throw new InvalidOperationException("No SMS gateway URL is configured.");
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new GatewaySms(sms.To, sms.Text, options.Sender)),
        };
        // The outbox id, the same on every attempt: a gateway that honours it sends a repeated request once (decision 0032).
        request.Headers.Add("Idempotency-Key", sms.Id);
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }
        else if (!string.IsNullOrEmpty(options.UserName))
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(options.UserName + ":" + options.Password));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var client = httpClients.CreateClient(HttpClientName);
        using var response = await client.SendAsync(request, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            // Status only: a gateway may echo the request, and the request carries the code.
            throw new HttpRequestException(
                $"The SMS gateway answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }

    private sealed record GatewaySms(
        [property: JsonPropertyName("to")] string To,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("sender"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sender);
}
