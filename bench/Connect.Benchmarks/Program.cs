using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace Connect.Benchmarks;

public static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        var config = DefaultConfig.Instance
            // A few iterations are enough to tell thousands of calls from hundreds; a full run takes minutes, not an hour.
            // Server GC, as the Web SDK gives the real server.
            .AddJob(Job.ShortRun.WithGcServer(true))
            .AddColumn(StatisticColumn.OperationsPerSecond)
            // Reports and logs stay out of the repository.
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "connect-benchmarks"));
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args, config);
    }
}
