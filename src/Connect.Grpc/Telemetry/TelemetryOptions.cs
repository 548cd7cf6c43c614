using OpenTelemetry.Exporter;

namespace Connect.Grpc.Telemetry;

/// <summary>
/// Where traces and metrics go. Nothing is exported unless an endpoint is configured, here or with the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (then the other standard <c>OTEL_*</c> variables apply as the SDK defines them).
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Connect:Telemetry";

    /// <summary>The service name on every span and metric: <c>connect-grpc</c>.</summary>
    public const string ServiceName = "connect-grpc";

    /// <summary>The OTLP collector's base address, e.g. <c>http://collector:4317</c>; default none. Takes precedence over <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>Grpc</c> (default, usually port 4317) or <c>HttpProtobuf</c> (port 4318; <c>/v1/traces</c> and <c>/v1/metrics</c> are appended).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>How often metrics are pushed; default 60 seconds.</summary>
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(60);
}
