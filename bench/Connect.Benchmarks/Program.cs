using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace Connect.Benchmarks;

public static class BenchmarkProgram
{
    public static async Task Main(string[] args)
    {
        if (args is ["serve"])
        {
            await ServeAsync();
            return;
        }
        if (args is ["serve-members"])
        {
            await ServeMembersAsync();
            return;
        }
        var config = DefaultConfig.Instance
            // A few iterations are enough to tell thousands of calls from hundreds: a full run takes minutes, not an hour.
            // Server GC, as the Web SDK gives the real server. The default job of every class that names no job of its own.
            .AddJob(Job.Default.WithLaunchCount(1).WithIterationCount(5).WithGcServer(true).WithId("Short").AsDefault())
            .AddColumn(StatisticColumn.OperationsPerSecond)
            // Reports and logs stay out of the repository.
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "connect-benchmarks"));
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args, config);
    }

    /// <summary>The benchmarks' server with its registered operator, left running for an outside load tool such as h2load.</summary>
    private static async Task ServeAsync()
    {
        await using var server = await BenchmarkServer.StartAsync();
        Console.WriteLine($"address: http://{server.Channel.Target}");
        Console.WriteLine($"session token: {server.SessionToken}");
        Console.WriteLine("Ctrl-C stops the server.");
        await server.Stopped;
    }

    /// <summary>The same, over a copy of the member benchmarks' data set (seeded first when not cached).</summary>
    private static async Task ServeMembersAsync()
    {
        var (directory, data) = await MemberData.CopyAsync();
        await using var server = await BenchmarkServer.StartAsync(directory);
        Console.WriteLine($"data: {data.Persons} persons; {data.FundMembers} members in {data.FundOrganizationId}, {data.DeactivatedMembers} deactivated; "
            + $"{data.OtherMemberships} memberships in {data.OtherOrganizations} other organisations; {data.AuditEvents} audit events");
        Console.WriteLine($"address: http://{server.Channel.Target}");
        Console.WriteLine($"session token: {server.SessionToken}");
        Console.WriteLine("Ctrl-C stops the server.");
        await server.Stopped;
    }
}
