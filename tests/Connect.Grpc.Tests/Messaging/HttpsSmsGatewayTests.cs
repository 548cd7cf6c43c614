using System.Net;
using System.Text;
using Connect.Grpc.Domain;
using Connect.Grpc.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Grpc.Tests.Messaging;

public sealed class HttpsSmsGatewayTests : IDisposable
{
    private readonly OutboxHarness _h = new();

    public void Dispose() => _h.Dispose();

    private ServiceProvider Services(Uri url, Dictionary<string, string?> auth)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Connect:Messaging:Sms:Gateway"] = "Https",
            ["Connect:Messaging:Sms:Https:Url"] = url.ToString(),
            ["Connect:Messaging:Sms:Https:Sender"] = "AVS-Caisse",
        };
        foreach (var (key, value) in auth) settings["Connect:Messaging:Sms:Https:" + key] = value;
        return ServiceProviders.Messaging(_h.Directory.Path, settings);
    }

    [Fact]
    public async Task Sms_IsPostedAsJson_WithBasicAuthentication()
    {
        await using var gatewayServer = await SmsHttpTestServer.StartAsync();
        await using var services = Services(gatewayServer.Url, new() { ["UserName"] = "fund", ["Password"] = "s3cret" });
        var gateway = Assert.IsType<HttpsSmsGateway>(services.GetRequiredService<ISmsGateway>());
        var queued = _h.Enqueue(new PhoneCodeSms("+41791234567", "de", "918273"));

        await _h.Dispatcher(gateway).DispatchDueAsync(CancellationToken.None);

        var request = Assert.Single(gatewayServer.Requests);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("fund:s3cret")), request.Authorization);
        Assert.StartsWith("application/json", request.ContentType);
        Assert.Equal(queued.Id, request.IdempotencyKey);
        Assert.Equal("+41791234567", request.Body.GetProperty("to").GetString());
        Assert.Equal("Ihr connect-Code: 918273. 10 Minuten gültig. Geben Sie ihn niemandem weiter.", request.Body.GetProperty("text").GetString());
        Assert.Equal("AVS-Caisse", request.Body.GetProperty("sender").GetString());
        Assert.Null(_h.Get(queued.Id).DueAt);
    }

    [Fact]
    public async Task Sms_IsPostedWithABearerToken_WhenAnApiKeyIsSet()
    {
        await using var gatewayServer = await SmsHttpTestServer.StartAsync();
        await using var services = Services(gatewayServer.Url, new() { ["ApiKey"] = "key-123", ["UserName"] = "ignored" });
        _h.Enqueue(new PhoneCodeSms("+41791234567", "en", "111222"));

        await _h.Dispatcher(services.GetRequiredService<ISmsGateway>()).DispatchDueAsync(CancellationToken.None);

        Assert.Equal("Bearer key-123", Assert.Single(gatewayServer.Requests).Authorization);
    }

    [Fact]
    public async Task GatewayError_SchedulesARetry_WithoutTheTextInTheError()
    {
        await using var gatewayServer = await SmsHttpTestServer.StartAsync();
        gatewayServer.Answer = HttpStatusCode.ServiceUnavailable;
        await using var services = Services(gatewayServer.Url, new() { ["ApiKey"] = "key-123" });
        var queued = _h.Enqueue(new PhoneCodeSms("+41791234567", "fr", "654321"));
        var dispatcher = _h.Dispatcher(services.GetRequiredService<ISmsGateway>());

        await dispatcher.DispatchDueAsync(CancellationToken.None);

        var failed = _h.Get(queued.Id);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("HttpRequestException: The SMS gateway answered 503 Service Unavailable.", failed.LastError);
        Assert.Equal(_h.Now + _h.Options.FirstRetryDelay, failed.DueAt);
        Assert.DoesNotContain(_h.Log.Lines, l => l.Contains("654321"));

        gatewayServer.Answer = HttpStatusCode.OK;
        _h.Time.Advance(_h.Options.FirstRetryDelay);
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        Assert.Equal(2, gatewayServer.Requests.Count);
        Assert.Null(_h.Get(queued.Id).DueAt);
        Assert.Equal("", _h.Get(queued.Id).Body);
    }
}
