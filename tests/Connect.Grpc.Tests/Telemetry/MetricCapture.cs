using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Connect.Grpc.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Grpc.Tests.Telemetry;

/// <summary>One measurement of an instrument, with its tags.</summary>
public sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public object? this[string tag] => Tags.GetValueOrDefault(tag);
}

/// <summary>
/// Listens to the <c>Connect</c> meter of one test server only: meters made by the server's own IMeterFactory are told
/// apart from those of servers that other tests run at the same time.
/// </summary>
public sealed class MetricCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measured> _measured = new();

    public MetricCapture(ConnectServerFactory server)
    {
        var meterFactory = server.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ConnectMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<Measured> Of(string instrument) => _measured.Where(m => m.Instrument == instrument).ToList();

    /// <summary>Asks the observable instruments (the outbox depth) for their values now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var (key, tagValue) in tags) copy[key] = tagValue;
        _measured.Enqueue(new Measured(instrument.Name, value, copy));
    }
}
