using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Connect.Grpc.Tests.Rest;

/// <summary>A partner's plain HTTP client: JSON in, JSON out, the access token as a bearer.</summary>
public sealed class RestClient(Uri address) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = address };

    public string? Bearer { get; set; }

    public Task<(HttpStatusCode Status, JsonElement Body)> Get(string path) => Send(HttpMethod.Get, path, null);

    public Task<(HttpStatusCode Status, JsonElement Body)> Post(string path, object body) => Send(HttpMethod.Post, path, JsonSerializer.Serialize(body));

    public Task<(HttpStatusCode Status, JsonElement Body)> Patch(string path, object body) => Send(HttpMethod.Patch, path, JsonSerializer.Serialize(body));

    public Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpMethod method, string path, string? json) =>
        SendContent(method, path, json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>The body as a stream of unknown length: sent chunked, without Content-Length.</summary>
    public Task<(HttpStatusCode Status, JsonElement Body)> SendChunked(HttpMethod method, string path, string json)
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return SendContent(method, path, content);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendContent(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (content is StreamContent) request.Headers.TransferEncodingChunked = true;
        if (Bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bearer);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public Task<HttpResponseMessage> Raw(string path) => _http.GetAsync(path);

    /// <summary>The ErrorInfo reason of a refused call's JSON status.</summary>
    public static string Reason(JsonElement status) => status.GetProperty("details").EnumerateArray()
        .Single(d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.ErrorInfo")
        .GetProperty("reason").GetString()!;

    public void Dispose() => _http.Dispose();
}
