using Connect.Grpc.Domain;
using Connect.Grpc.Hosting;
using Grpc.AspNetCore.Server;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Connect.Grpc.Telemetry;

/// <summary>Connect's metrics, always recorded, and OpenTelemetry's traces and metrics export when an OTLP endpoint is configured.</summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddConnectTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.AddSingleton<ConnectMetrics>();
        services.AddSingleton<IFlowMetrics>(provider => provider.GetRequiredService<ConnectMetrics>());
        services.AddHostedService<OutboxDepthGauge>();
        services.AddSingleton<RpcMetricsInterceptor>();
        services.Configure<GrpcServiceOptions>(options =>
        {
            // Outermost, so the time includes the error translation and the status is the one the caller sees.
            options.Interceptors.Add<RpcMetricsInterceptor>();
            var added = options.Interceptors[^1];
            options.Interceptors.RemoveAt(options.Interceptors.Count - 1);
            options.Interceptors.Insert(0, added);
        });

        var telemetry = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var standardEndpoint = !string.IsNullOrWhiteSpace(configuration[StandardEndpointVariable]);
        // Nothing configured: no SDK, no exporter, no listener on the instruments.
        if (telemetry.OtlpEndpoint is null && !standardEndpoint) return services;

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(TelemetryOptions.ServiceName))
            .WithTracing(tracing => tracing
                // Spans carry method, route and status only: no headers, bodies or exception details (RecordException stays off).
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !HealthEndpoints.Matches(context.Request.Path))
                .AddOtlpExporter(o => Apply(telemetry, o, "v1/traces")))
            .WithMetrics(metrics => metrics
                .AddMeter(ConnectMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter((o, reader) =>
                {
                    Apply(telemetry, o, "v1/metrics");
                    if (telemetry.OtlpEndpoint is not null)
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)telemetry.MetricExportInterval.TotalMilliseconds;
                }));
        return services;
    }

    /// <summary>Connect's own settings, when given, win over the standard variables the exporter has already read.</summary>
    private static void Apply(TelemetryOptions telemetry, OtlpExporterOptions exporter, string signalPath)
    {
        if (telemetry.OtlpEndpoint is not { } endpoint) return;
        exporter.Protocol = telemetry.OtlpProtocol;
        // Over HTTP the exporter takes a programmatic endpoint as the full URL of the signal.
        exporter.Endpoint = telemetry.OtlpProtocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath)
            : endpoint;
    }
}
