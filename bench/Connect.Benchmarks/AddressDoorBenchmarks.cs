using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Engines;
using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;

namespace Connect.Benchmarks;

/// <summary>
/// Every door that takes an e-mail address, once with an address a person has and once with one nobody has: the
/// <c>Ratio</c> column (known ÷ unknown, per door) says whether the time of the answer tells them apart. Each call
/// is the first for its address (a fresh address per call), as an attacker probing a list would make it, so no
/// resend wait, sign-in lock or hourly limit cuts a path short. Activation takes a code, not an address, and is not here.
/// </summary>
[Config(typeof(DoorsConfig))]
[MedianColumn]
public partial class AddressDoorBenchmarks
{
    private const int CallsPerIteration = 16;
    // Warm-up, the measured iterations and BenchmarkDotNet's own jitting call, with room to spare.
    private const int Addresses = 20 * CallsPerIteration;
    // Calls of both paths before anything is measured. The cases run one after the other in this process, the known
    // one first: with only a few, the known case ran on less optimised (tiered) code and looked slower.
    private const int WarmUpCalls = 48;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    private BenchmarkServer _server = null!;
    private SignInService.SignInServiceClient _signIn = null!;
    private RegistrationService.RegistrationServiceClient _registration = null!;
    private MemberService.MemberServiceClient _members = null!;
    private readonly Queue<string> _registrationTokens = new();
    private int _next;
    private readonly List<double> _alternatingKnown = [];
    private readonly List<double> _alternatingUnknown = [];
    private bool _lastKnown;

    /// <summary>
    /// One invocation per iteration, so that the number of addresses used is known in advance. In the benchmark's own
    /// process: the build of a separate one timed out on the loaded machine, and the ratio, not the absolute time, is the figure.
    /// </summary>
    private sealed class DoorsConfig : ManualConfig
    {
        public DoorsConfig() => AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(10)
            .WithInvocationCount(1).WithUnrollFactor(1).WithToolchain(InProcessEmitToolchain.Instance).WithId("Doors"));
    }

    [Params("StartPasswordReset", "StartSignIn", "SubmitEmail", "CreateMember")]
    public string Door { get; set; } = "";

    [GlobalSetup]
    public async Task SetUp()
    {
        _server = await BenchmarkServer.StartAsync();
        _signIn = new SignInService.SignInServiceClient(_server.Channel);
        _registration = new RegistrationService.RegistrationServiceClient(_server.Channel);
        _members = new MemberService.MemberServiceClient(_server.Channel);
        SeedKnownPersons();
        if (Door == "SubmitEmail") await OpenRegistrationsAsync();
        // JIT both paths and the messages' templates; these addresses are not used again.
        for (var i = 0; i < WarmUpCalls; i++)
        {
            await CallAsync(Known(Addresses + i), Addresses + i);
            await CallAsync(Unknown(Addresses + i), Addresses + i);
        }
        _server.Timings.Recording = true;
    }

    /// <summary>
    /// Also logs the server's own median per call (<c>// DoorLatency</c>): on a loaded machine a few slow calls move
    /// BenchmarkDotNet's mean, the median much less.
    /// </summary>
    [GlobalCleanup]
    public async Task CleanUp()
    {
        if (_alternatingKnown.Count > 0)
        {
            var known = Median(_alternatingKnown);
            var unknown = Median(_alternatingUnknown);
            Console.WriteLine(FormattableString.Invariant(
                $"// DoorAlternating {Door}: {_alternatingKnown.Count}+{_alternatingUnknown.Count} calls, client median known {known:F2} ms, unknown {unknown:F2} ms, ratio {known / unknown:F2}, load1 {LoadAverage()}"));
        }
        var times = _server.Timings.Of(Path).Order().ToList();
        if (_alternatingKnown.Count == 0 && times.Count > 0)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"// DoorLatency {Door} {(_next > 0 && _lastKnown ? "known" : "unknown")}: {times.Count} calls, server median {times[times.Count / 2]:F2} ms, p90 {times[times.Count * 9 / 10]:F2} ms, load1 {LoadAverage()}"));
        }
        await _server.DisposeAsync();
    }

    /// <summary>The invitation's access code, from the e-mail in the pickup folder (the outbox delivers in the background).</summary>
    private async Task<string> AccessCodeFromMailAsync()
    {
        var folder = System.IO.Path.Combine(_server.DataDirectory, "mail-pickup");
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            var codes = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.eml").Select(f => AccessCodePattern().Match(MimeKit.MimeMessage.Load(f).TextBody ?? "")).Where(m => m.Success)
                : [];
            if (codes.FirstOrDefault() is { } code) return code.Value;
        }
        throw new TimeoutException("The invitation e-mail did not arrive.");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")]
    private static partial System.Text.RegularExpressions.Regex AccessCodePattern();

    private string Path => Door switch
    {
        "SubmitEmail" => "/connect.v1.RegistrationService/SubmitEmail",
        "CreateMember" => "/connect.v1.MemberService/CreateMember",
        _ => "/connect.v1.SignInService/" + Door,
    };

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    [Benchmark(OperationsPerInvoke = CallsPerIteration)]
    public async Task KnownAddress()
    {
        for (var i = 0; i < CallsPerIteration; i++)
        {
            var n = _next++;
            _lastKnown = true;
            await CallAsync(Known(n), n);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = CallsPerIteration)]
    public async Task UnknownAddress()
    {
        for (var i = 0; i < CallsPerIteration; i++)
        {
            var n = _next++;
            await CallAsync(Unknown(n), n);
        }
    }

    /// <summary>
    /// Known and unknown addresses in turn, each call timed on the client after a short pause: both sides sampled under
    /// the same load, which on this shared machine moves more between two cases than the doors differ. The medians go to the log
    /// (<c>// DoorAlternating</c>) at the end of the case.
    /// </summary>
    [Benchmark(OperationsPerInvoke = CallsPerIteration)]
    public async Task Alternating()
    {
        for (var i = 0; i < CallsPerIteration; i++)
        {
            var n = _next++;
            var known = i % 2 == 0;
            // Lets the previous call's background work (the outbox, 25 ms after the commit, delivering its e-mail or
            // dropping its decoy) end first, so that it is not counted against whichever side comes next.
            await Task.Delay(Pause);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await CallAsync(known ? Known(n) : Unknown(n), n);
            (known ? _alternatingKnown : _alternatingUnknown).Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static string Known(int n) => $"known.{n}@fund.test";

    private static string Unknown(int n) => $"unknown.{n}@fund.test";

    /// <summary>Distinct numbers, so that the hourly SMS limit per number never answers instead of the door.</summary>
    private static string Phone(int n, bool known) => $"+4179{(known ? 1 : 2)}{n:D6}";

    /// <summary>One first request at the door; the answer is the door's ordinary one (a refused sign-in for both addresses).</summary>
    private async Task CallAsync(string email, int n)
    {
        switch (Door)
        {
            case "StartPasswordReset":
                await _signIn.StartPasswordResetAsync(new() { Email = email });
                break;
            case "StartSignIn":
                try
                {
                    await _signIn.StartSignInAsync(new() { Email = email, Password = "not the password of anyone" });
                    throw new InvalidOperationException("A wrong password opened a sign-in.");
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
                {
                }
                break;
            case "SubmitEmail":
                await _registration.SubmitEmailAsync(new() { RegistrationToken = _registrationTokens.Dequeue(), Email = email, Language = Language.Fr });
                break;
            case "CreateMember":
                await _members.CreateMemberAsync(new()
                {
                    Email = email, GivenName = "Beat", FamilyName = "Beispiel", PhoneNumber = Phone(n, email.StartsWith("known", StringComparison.Ordinal)),
                    Language = Language.De,
                }, _server.Bearer);
                break;
            default:
                throw new InvalidOperationException($"Unknown door {Door}.");
        }
    }

    /// <summary>Persons with a real Argon2id hash (the operator's) and their own numbers, written straight into the store.</summary>
    private void SeedKnownPersons()
    {
        _server.Store.Write(w =>
        {
            var hash = w.PersonByEmail(BenchmarkServer.Email)!.PasswordHash;
            var now = DateTime.UtcNow;
            for (var n = 0; n < Addresses + WarmUpCalls; n++)
            {
                var person = new Person
                {
                    Email = Known(n), GivenName = "Kim", FamilyName = "Bekannt", PasswordHash = hash, PhoneNumber = Phone(n, known: true),
                    Language = "de", CreatedAt = now, UpdatedAt = now, PasswordChangedAt = now, CredentialVersion = 1,
                };
                w.Insert(person);
            }
            return 0;
        });
    }

    /// <summary>One registration per call, all from one access code (a code is used up only when a registration finishes).</summary>
    private async Task OpenRegistrationsAsync()
    {
        var fund = _server.Store.Read(r => r.Scan<Connect.Grpc.Domain.Organization>(null, 100).First(o => o.Fund));
        var invitations = new InvitationService.InvitationServiceClient(_server.Channel);
        await invitations.CreateInvitationAsync(new() { OrganizationId = fund.Id, Email = "new.operator@fund.test", Language = Language.Fr }, _server.Bearer);
        var accessCode = await AccessCodeFromMailAsync();
        for (var i = 0; i < 2 * (Addresses + WarmUpCalls); i++)
            _registrationTokens.Enqueue((await _registration.RedeemAccessCodeAsync(new() { AccessCode = accessCode })).RegistrationToken);
    }
}
