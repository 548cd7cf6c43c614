using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace Connect.Benchmarks;

public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["serve", .. var options]:
                await ServeCommand.RunAsync(options.Contains("--postgres"), Option(options, "--frames"));
                return 0;
            case ["serve-members"]:
                await ServeMembersAsync();
                return 0;
            case ["member-data", .. var options]:
                await ScaleCommands.MemberDataAsync(Option(options, "--size") ?? MemberDataSize.Full.Name, Option(options, "--frames") ?? "frames");
                return 0;
            case ["sign-in", var address, var dataDirectory]:
                await ScaleCommands.SignInAsync(address, dataDirectory);
                return 0;
            case ["write-load", var address, .. var options]:
                return await WriteLoadCommand.RunAsync(address, Number(options, "--in-flight", 32), Number(options, "--warm-up", 5),
                    Number(options, "--seconds", 10));
            case ["argon2id", .. var options]:
                Argon2idBenchmarks.PrintRate(Number(options, "--threads", Environment.ProcessorCount), Number(options, "--seconds", 10));
                return 0;
        }
        var config = DefaultConfig.Instance
            // A few iterations are enough to tell thousands of calls from hundreds: a full run takes minutes, not an hour.
            // Server GC, as the Web SDK gives the real server. The default job of every class that names no job of its own.
            .AddJob(Job.Default.WithLaunchCount(1).WithIterationCount(5).WithGcServer(true).WithId("Short").AsDefault())
            .AddColumn(StatisticColumn.OperationsPerSecond)
            // Reports and logs stay out of the repository.
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "connect-benchmarks"));
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args, config);
        return 0;
    }

    /// <summary>The value after <paramref name="name"/>, e.g. <c>--frames DIR</c>.</summary>
    private static string? Option(string[] options, string name) =>
        Array.IndexOf(options, name) is var at and >= 0 && at + 1 < options.Length ? options[at + 1] : null;

    private static int Number(string[] options, string name, int fallback) =>
        Option(options, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The benchmarks' server over a copy of the member benchmarks' data set (seeded first when not cached), left running for an outside load tool.</summary>
    private static async Task ServeMembersAsync()
    {
        var (directory, data) = await MemberData.CopyAsync();
        await using var server = await BenchmarkServer.StartAsync(directory);
        Console.WriteLine($"data: {data.Persons} persons; {data.FundMembers} members in {data.FundOrganizationId}, {data.DeactivatedMembers} deactivated; "
            + $"{data.OtherMemberships} memberships in {data.OtherOrganizations} other organisations; {data.AuditEvents} audit events");
        Console.WriteLine($"ADDRESS=http://{server.Channel.Target}");
        Console.WriteLine($"TOKEN={server.SessionToken}");
        Console.WriteLine("READY=1");
        await server.Stopped;
    }
}
