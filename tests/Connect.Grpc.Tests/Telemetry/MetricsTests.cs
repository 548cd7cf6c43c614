using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Telemetry;

public sealed class MetricsTests : IDisposable
{
    private readonly ConnectServerFactory _server = new();
    private readonly MetricCapture _metrics;

    public MetricsTests() => _metrics = new MetricCapture(_server);

    public void Dispose()
    {
        _metrics.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task RpcDuration_RecordsEachCallWithItsMethodStatusAndReason()
    {
        var channel = _server.CreateChannel();
        await new SupportService.SupportServiceClient(channel).GetSupportContactAsync(new());
        var refused = await Assert.ThrowsAsync<RpcException>(() => new SignInService.SignInServiceClient(channel)
            .StartSignInAsync(new() { Email = "nobody@example.test", Password = Registrar.Password }).ResponseAsync);

        var calls = _metrics.Of("connect.rpc.server.duration");
        var ok = Assert.Single(calls, m => (string?)m["rpc.method"] == "GetSupportContact");
        Assert.Equal("connect.v1.SupportService", ok["rpc.service"]);
        Assert.Equal("grpc", ok["rpc.system"]);
        Assert.Equal((int)StatusCode.OK, ok["rpc.grpc.status_code"]);
        Assert.Null(ok["connect.error.reason"]);
        Assert.InRange(ok.Value, 0, 30);

        var failed = Assert.Single(calls, m => (string?)m["rpc.method"] == "StartSignIn");
        Assert.Equal("connect.v1.SignInService", failed["rpc.service"]);
        Assert.Equal((int)refused.StatusCode, failed["rpc.grpc.status_code"]);
        Assert.Equal("SIGN_IN_FAILED", failed["connect.error.reason"]);
    }

    [Fact]
    public async Task SignIns_AreCountedBySuccessAndFailure()
    {
        var driver = new SignInDriver(_server, _server.CreateChannel());
        var member = await driver.Member("anna@muster.test", "+41791234567", "100.200");

        await driver.WithSms(member);
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED", () => driver.Password(member.Email, "not the right password at all"));

        var signIns = _metrics.Of("connect.sign_ins");
        var succeeded = Assert.Single(signIns, m => (string?)m["outcome"] == "succeeded");
        Assert.Equal("second_factor", succeeded["step"]);
        var failed = Assert.Single(signIns, m => (string?)m["outcome"] == "failed");
        Assert.Equal("password", failed["step"]);
        Assert.All(signIns, m => Assert.Equal(1, m.Value));
    }

    [Fact]
    public async Task CodesSent_CountsTheSmsCodeOfASignIn_AndNoCodeForAnUnknownAddress()
    {
        var driver = new SignInDriver(_server, _server.CreateChannel());
        var member = await driver.Member("anna@muster.test", "+41791234567", "100.200");
        var before = _metrics.Of("connect.codes_sent");
        Assert.Contains(before, m => (string?)m["purpose"] == "registration_email" && (string?)m["channel"] == "email");
        Assert.Contains(before, m => (string?)m["purpose"] == "registration_phone" && (string?)m["channel"] == "sms");

        await driver.SmsCode(await driver.Password(member.Email), member.Phone);
        await driver.SignIn.StartPasswordResetAsync(new() { Email = "nobody@example.test" });

        var added = _metrics.Of("connect.codes_sent").Skip(before.Count).ToList();
        var sms = Assert.Single(added);
        Assert.Equal("sms", sms["channel"]);
        Assert.Equal("sign_in_sms", sms["purpose"]);
    }

    [Fact]
    public void OutboxDepth_ReportsWaitingMessagesByChannel_NotDeliveredOnes()
    {
        var now = _server.Time.GetUtcNow().UtcDateTime;
        _server.Store().Write(w =>
        {
            // Due tomorrow: a retry the dispatcher leaves alone until then.
            w.Insert(new OutboxMessage { Channel = MessageChannel.Sms, To = "+41791234567", Body = "x", CreatedAt = now, DueAt = now.AddDays(1) });
            w.Insert(new OutboxMessage { Channel = MessageChannel.Sms, To = "+41791234568", CreatedAt = now, SentAt = now, DueAt = null });
            return true;
        });

        _metrics.Observe();

        var depth = _metrics.Of("connect.outbox.depth");
        Assert.Equal(1, Assert.Single(depth, m => (string?)m["channel"] == "sms").Value);
        Assert.Equal(0, Assert.Single(depth, m => (string?)m["channel"] == "email").Value);
    }
}
