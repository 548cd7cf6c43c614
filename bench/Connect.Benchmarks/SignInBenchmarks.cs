using BenchmarkDotNet.Attributes;
using Connect.V1;

namespace Connect.Benchmarks;

/// <summary>
/// The password step of a sign-in (<c>StartSignIn</c> with the right password) at the server's default Argon2id
/// cost: one hash verified, one sign-in written. The server lets one hash run per core, so callers beyond the
/// core count wait instead of adding throughput.
/// </summary>
public class SignInBenchmarks
{
    private const int SignIns = 32;

    private BenchmarkServer _server = null!;
    private SignInService.SignInServiceClient _signIn = null!;

    /// <summary>One caller, one per core, and four per core.</summary>
    [ParamsSource(nameof(InFlightValues))]
    public int InFlight { get; set; }

    public static IEnumerable<int> InFlightValues => new[] { 1, Environment.ProcessorCount, 4 * Environment.ProcessorCount }.Distinct();

    [GlobalSetup]
    public async Task SetUp()
    {
        _server = await BenchmarkServer.StartAsync();
        _signIn = new SignInService.SignInServiceClient(_server.Channel);
        // The first sign-ins JIT the path and load the phone-number metadata; none of that is a sign-in's cost.
        await Concurrently.Run(2 * SignIns, Environment.ProcessorCount, SignInOnce);
    }

    [GlobalCleanup]
    public async Task CleanUp() => await _server.DisposeAsync();

    [Benchmark(OperationsPerInvoke = SignIns)]
    public Task StartSignIn() => Concurrently.Run(SignIns, InFlight, SignInOnce);

    private async Task SignInOnce() =>
        await _signIn.StartSignInAsync(new() { Email = BenchmarkServer.Email, Password = BenchmarkServer.Password });
}
