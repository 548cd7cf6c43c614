using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Xunit.Abstractions;

namespace Connect.Grpc.Tests.Hostile;

/// <summary>
/// Hostile bytes to every RPC over real gRPC/HTTP2 (Kestrel on loopback): the server answers each with a status a caller
/// can act on — never UNKNOWN or INTERNAL —, stays healthy, and its log at the default levels barely grows.
/// </summary>
public sealed class MalformedMessageFuzzTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>10,000 malformed calls must add less than 100 KB of log at the default levels.</summary>
    private const double MaxLogBytesPerMalformedCall = 10;

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    private ConsoleOutputCapture? _console;
    private ConnectServerFactory? _server;

    public void Dispose() => _server?.Dispose();

    [Fact]
    public async Task HostileBodiesToEveryRpc_AreRefusedWithAReason_AndNeitherCrashNorFloodTheLog()
    {
        _server = ConnectServerFactory.OnLoopback(
            settings: new Dictionary<string, string?> { ["Logging:Console:FormatterOptions:ColorBehavior"] = "Disabled" },
            services: ConsoleOutputCapture.Register("simple", capture => _console = capture));
        using var metrics = new Telemetry.MetricCapture(_server);
        var invoker = _server.CreateChannel().CreateCallInvoker();
        var health = new Health.HealthClient(_server.CreateChannel());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new())).Status);

        var random = new Random(20261207);
        var cases = RequestCatalogue.Methods
            .SelectMany(method => HostileBodies.For(method.InputType, random)
                .Select(body => new Case(method.Service.FullName, method.Name, method.IsServerStreaming, body.Kind, body.Field, body.Body)))
            .Concat(RequestCatalogue.Methods.Select(m => m.Service.FullName).Distinct().SelectMany(service => new[]
            {
                new Case(service, "NoSuchMethod", false, BodyKind.UnknownMethod, "", []),
                new Case(service + "Nope", "NoSuchMethod", false, BodyKind.UnknownMethod, "", []),
            }))
            .ToList();
        Assert.True(RequestCatalogue.Methods.Count > 50, "The catalogue found too few RPCs.");
        var logBefore = _console!.Bytes;

        var results = new (StatusCode Code, string? Reason, string? Field)[cases.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, cases.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            results[i] = await Call(invoker, cases[i]));
        var logBytes = _console.Bytes - logBefore;

        var byCode = results.GroupBy(r => r.Code).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        output.WriteLine($"{cases.Count} calls over {RequestCatalogue.Methods.Count} RPCs; by status: {string.Join(", ", byCode)}");
        foreach (var kind in Enum.GetValues<BodyKind>())
        {
            var ofKind = Enumerable.Range(0, cases.Count).Where(i => cases[i].Kind == kind).Select(i => results[i]).ToList();
            output.WriteLine($"  {kind} ({ofKind.Count}): " + string.Join(", ", ofKind.GroupBy(r => (r.Code, r.Reason)).OrderBy(g => g.Key.Code)
                .Select(g => $"{g.Key.Code}/{g.Key.Reason ?? "-"}: {g.Count()}")));
        }
        var perCall = (double)logBytes / cases.Count;
        output.WriteLine($"log at the default levels: {logBytes} bytes for {cases.Count} hostile calls, {perCall:F1} bytes per call");

        var crashes = Enumerable.Range(0, cases.Count).Where(i => results[i].Code is StatusCode.Unknown or StatusCode.Internal)
            .Select(i => $"{cases[i].Service}/{cases[i].Name} {cases[i].Kind} {cases[i].Field}: {results[i].Code}").ToList();
        Assert.True(crashes.Count == 0, $"{crashes.Count} calls crashed, e.g.:\n{string.Join("\n", crashes.Take(20))}");
        AssertEach(cases, results, [BodyKind.WrongWireType, BodyKind.InvalidUtf8, BodyKind.NestedGroups], "REQUEST_INVALID");
        AssertEach(cases, results, [BodyKind.TimeOutOfRange], "FIELD_INVALID");
        Assert.All(Enumerable.Range(0, cases.Count).Where(i => cases[i].Kind == BodyKind.UnknownMethod), i => Assert.Equal(StatusCode.Unimplemented, results[i].Code));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new())).Status);
        // What the log no longer says, the metric still counts.
        Assert.Equal(results.Count(r => r.Reason == "REQUEST_INVALID"),
            metrics.Of("connect.rpc.server.duration").Count(m => (string?)m["connect.error.reason"] == "REQUEST_INVALID"));
        Assert.True(perCall < MaxLogBytesPerMalformedCall, $"The log grew by {perCall:F1} bytes per malformed call:\n{Tail(_console.Text)}");
    }

    private sealed record Case(string Service, string Name, bool ServerStreaming, BodyKind Kind, string Field, byte[] Body);

    private static void AssertEach(List<Case> cases,
        (StatusCode Code, string? Reason, string? Field)[] results, BodyKind[] kinds, string reason)
    {
        var wrong = Enumerable.Range(0, cases.Count)
            .Where(i => kinds.Contains(cases[i].Kind) && (results[i].Code != StatusCode.InvalidArgument || results[i].Reason != reason
                || (reason == "FIELD_INVALID" && results[i].Field != cases[i].Field)))
            .Select(i => $"{cases[i].Service}/{cases[i].Name} {cases[i].Kind} {cases[i].Field}: {results[i].Code}/{results[i].Reason}/{results[i].Field}").ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} calls did not answer INVALID_ARGUMENT {reason}, e.g.:\n{string.Join("\n", wrong.Take(20))}");
    }

    private static async Task<(StatusCode, string?, string?)> Call(CallInvoker invoker, Case call)
    {
        var type = call.ServerStreaming ? MethodType.ServerStreaming : MethodType.Unary;
        var method = new Method<byte[], byte[]>(type, call.Service, call.Name, Raw, Raw);
        var body = call.Body;
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30));
        try
        {
            if (call.ServerStreaming)
            {
                using var stream = invoker.AsyncServerStreamingCall(method, null, options, body);
                while (await stream.ResponseStream.MoveNext(CancellationToken.None)) { }
            }
            else
            {
                await invoker.AsyncUnaryCall(method, null, options, body);
            }
            return (StatusCode.OK, null, null);
        }
        catch (RpcException exception)
        {
            var status = exception.GetRpcStatus();
            return (exception.StatusCode, status?.GetDetail<ErrorInfo>()?.Reason, status?.GetDetail<BadRequest>()?.FieldViolations.FirstOrDefault()?.Field);
        }
    }

    private static string Tail(string text) => text.Length <= 3000 ? text : text[^3000..];
}
