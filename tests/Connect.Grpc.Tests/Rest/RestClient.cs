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

    public async Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
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
