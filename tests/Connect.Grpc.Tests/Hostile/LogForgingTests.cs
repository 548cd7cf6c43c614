using System.Text.Json;
using Connect.Grpc.Telemetry;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Connect.Grpc.Tests.Hostile;

/// <summary>
/// Values a caller chooses (a client id, the name of a service it calls, an exception's message) go through real RPCs
/// into the console output of both formatters, and cannot start a line, forge a record or drive a terminal.
/// </summary>
public sealed class LogForgingTests(ITestOutputHelper output)
{
    /// <summary>Line breaks, a forged record, ESC sequences, NUL, C1 controls, Unicode separators and bidi controls.</summary>
    private const string Hostile = "\r\nwarn: Forged[0]\n\u001b[2J\u001b[31m\u0000\u0085\u009b\u2028\u2029\u202Eevil\u2066\u2069\u200E\u200F\u061C\u007f";

    private const string HostilePath = "%0D%0Awarn%3A%20Forged%5B0%5D%0A%1B%5B2J%C2%85%E2%80%AE%E2%81%A6%E2%80%8F";

    [Theory]
    [InlineData("simple")]
    [InlineData("json")]
    public async Task HostileValuesInRequests_NeverForgeALineOrReachTheTerminal(string formatter)
    {
        ConsoleOutputCapture? console = null;
        using (var server = new ConnectServerFactory(
            settings: new Dictionary<string, string?>
            {
                ["Logging:Console:FormatterName"] = formatter,
                ["Logging:Console:FormatterOptions:ColorBehavior"] = "Disabled",
                ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
                // Configuration still wins over Connect's quiet default for grpc-dotnet: here it shows the unknown service's name.
                ["Logging:LogLevel:" + ConnectLoggingExtensions.GrpcServerCategory] = "Debug",
            },
            services: ConsoleOutputCapture.Register(formatter, capture => console = capture)))
        {
            var channel = server.CreateChannel();
            var applications = new ApplicationDriver(channel);
            await Assert.ThrowsAsync<RpcException>(async () => await applications.Applications.CreateApplicationTokenAsync(new()
            {
                ClientId = "app_" + Hostile, ClientSecret = "not the secret",
            }));
            // A client id that names no application is not logged (it may be a misplaced secret); unknown services are.
            var raw = Marshallers.Create<byte[]>(b => b, b => b);
            foreach (var service in new[] { "connect.v1.Evil", "connect.v1.Worse" })
            {
                var unknown = new Method<byte[], byte[]>(MethodType.Unary, service + HostilePath, "Call" + HostilePath, raw, raw);
                var refused = await Assert.ThrowsAsync<RpcException>(async () => await channel.CreateCallInvoker().AsyncUnaryCall(unknown, null, new(), []));
                Assert.Equal(StatusCode.Unimplemented, refused.StatusCode);
            }
            server.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Connect.Grpc.Tests.Hostile")
                .LogError(new InvalidOperationException("failed for " + Hostile), "A failure for {Id}", Hostile);
        }

        var text = console!.Text;
        output.WriteLine(text.Length <= 6000 ? text : text[^6000..]);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Count(l => l.Contains("Forged", StringComparison.Ordinal)) >= 3, "The hostile values did not reach the log.");
        Assert.DoesNotContain('\r', text);
        Assert.DoesNotContain(text, c => c != '\n' && LogEscaping.IsUnsafe(c));
        if (formatter == "simple")
        {
            // A record starts with its level at the margin; every other line is indented by the formatter.
            string[] levels = ["trce: ", "dbug: ", "info: ", "warn: ", "fail: ", "crit: "];
            Assert.All(lines, line => Assert.True(line.StartsWith(' ') || (levels.Any(line.StartsWith) && !line.Contains("Forged")),
                $"A line the formatter did not start: {line}"));
        }
        else
        {
            // One JSON object per line, and what a log viewer decodes from it is still safe: only a stack trace has line
            // breaks, and the caller's text stays on the first line.
            foreach (var line in lines)
            {
                using var record = JsonDocument.Parse(line);
                foreach (var value in Strings(record.RootElement))
                {
                    Assert.DoesNotContain(value, c => c != '\n' && LogEscaping.IsUnsafe(c));
                    Assert.DoesNotContain(value.Split('\n').Skip(1), l => l.Contains("Forged", StringComparison.Ordinal));
                }
            }
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value).Append(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
