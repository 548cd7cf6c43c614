using Connect.V1;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Connect.Grpc.Tests.Telemetry;

public sealed class OtlpExportTests
{
    [Fact]
    public void NothingConfigured_RegistersNoOpenTelemetry()
    {
        using var server = new ConnectServerFactory();
        Assert.Null(server.Services.GetService<MeterProvider>());
        Assert.Null(server.Services.GetService<TracerProvider>());
    }

    [Theory]
    [InlineData("connect")]
    [InlineData("standard")]
    public async Task ConfiguredEndpoint_ReceivesMetricsAndTracesOverOtlpHttp(string settings)
    {
        await using var receiver = await OtlpTestReceiver.StartAsync();
        using var server = new ConnectServerFactory(settings: settings == "connect"
            ? new Dictionary<string, string?>
            {
                ["Connect:Telemetry:OtlpEndpoint"] = receiver.Url.ToString(),
                ["Connect:Telemetry:OtlpProtocol"] = "HttpProtobuf",
                ["Connect:Telemetry:MetricExportInterval"] = "00:00:00.200",
                // The standard variable for the span batch, read by the SDK from configuration like the environment.
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            }
            : new Dictionary<string, string?>
            {
                // What OTEL_* environment variables become: configuration keys of the same name.
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Url.ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            });

        await new SupportService.SupportServiceClient(server.CreateChannel()).GetSupportContactAsync(new());

        var metrics = await receiver.WaitFor("/v1/metrics", "connect-grpc", "connect.rpc.server.duration", "GetSupportContact");
        var traces = await receiver.WaitFor("/v1/traces", "connect-grpc", "/connect.v1.SupportService/GetSupportContact", "grpc.method", "grpc.status_code");
        Assert.All(new[] { metrics, traces }, export =>
        {
            Assert.Equal("application/x-protobuf", export.ContentType);
            AssertFirstFieldIsResourceList(export.Body);
        });
    }

    /// <summary>Export…ServiceRequest starts with field 1 (resource_metrics / resource_spans), a length-delimited message, and parses to its end.</summary>
    private static void AssertFirstFieldIsResourceList(byte[] body)
    {
        var input = new CodedInputStream(body);
        var tag = input.ReadTag();
        Assert.Equal(1, WireFormat.GetTagFieldNumber(tag));
        Assert.Equal(WireFormat.WireType.LengthDelimited, WireFormat.GetTagWireType(tag));
        input.SkipLastField();
        while (input.ReadTag() != 0) input.SkipLastField();
        Assert.True(input.IsAtEnd);
    }
}
