using System.Diagnostics;
using System.Diagnostics.Metrics;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Telemetry;

/// <summary>
/// Connect's own instruments, on the meter <c>Connect</c>. Only System.Diagnostics.Metrics: the flows record through this
/// class without knowing whether anything listens (OpenTelemetry when an OTLP endpoint is configured, a test's
/// MeterListener, dotnet-counters); with no listener a measurement costs next to nothing.
/// </summary>
public sealed class ConnectMetrics : IFlowMetrics
{
    public const string MeterName = "Connect";

    // Seconds, from a fast unary call (a millisecond) to a long audit export.
    private static readonly double[] DurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Histogram<double> _rpcDuration;
    private readonly Counter<long> _signIns;
    private readonly Counter<long> _codesSent;

    public ConnectMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _rpcDuration = Meter.CreateHistogram("connect.rpc.server.duration", "s",
            "How long gRPC calls take on the server, by service, method and status.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _signIns = Meter.CreateCounter<long>("connect.sign_ins", "{sign_in}",
            "Sign-in attempts that reached a verdict: succeeded (second factor verified), failed, locked, suspended or rate_limited.");
        _codesSent = Meter.CreateCounter<long>("connect.codes_sent", "{code}",
            "One-time codes queued for delivery, by channel (sms, email) and purpose.");
    }

    /// <summary>The meter, for instruments that observe state (the outbox depth).</summary>
    public Meter Meter { get; }

    public bool RpcDurationEnabled => _rpcDuration.Enabled;

    public void RpcCompleted(string service, string method, int statusCode, string? reason, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "rpc.system", "grpc" },
            { "rpc.service", service },
            { "rpc.method", method },
            { "rpc.grpc.status_code", statusCode },
        };
        if (reason is not null) tags.Add("connect.error.reason", reason);
        _rpcDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <param name="outcome"><c>succeeded</c>, <c>failed</c>, <c>locked</c>, <c>suspended</c> or <c>rate_limited</c>.</param>
    /// <param name="step"><c>password</c>, <c>second_factor</c> or <c>passkey</c> (a passkey alone).</param>
    public void SignIn(string outcome, string step) =>
        _signIns.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("step", step));

    /// <param name="channel"><c>sms</c> or <c>email</c>.</param>
    /// <param name="purpose">What the code is for, e.g. <c>sign_in_sms</c>, <c>password_reset</c>.</param>
    public void CodeSent(string channel, string purpose) =>
        _codesSent.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("purpose", purpose));
}
