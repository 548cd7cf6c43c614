using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Connect.Grpc.Security;
using Geralt;

namespace Connect.Benchmarks;

/// <summary>
/// The machine's raw Argon2id rate at the server's default cost, through the library the server uses and
/// without gRPC, storage or the server's gate: the ceiling for <see cref="SignInBenchmarks"/>.
/// </summary>
public class Argon2idBenchmarks
{
    private const int Hashes = 16;

    private static readonly SecurityOptions Cost = new();
    private readonly byte[] _password = Encoding.UTF8.GetBytes(BenchmarkServer.Password);

    [ParamsSource(nameof(ThreadValues))]
    public int Threads { get; set; }

    public static IEnumerable<int> ThreadValues => new[] { 1, Environment.ProcessorCount }.Distinct();

    [Benchmark(OperationsPerInvoke = Hashes)]
    public void ComputeHash() =>
        Parallel.For(0, Hashes, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ => HashOnce(_password));

    /// <summary>One hash at the server's default cost, as <c>PasswordHasher</c> computes it.</summary>
    public static void HashOnce(byte[] password) =>
        Argon2id.ComputeHash(new char[Argon2id.HashSize], password, Cost.PasswordIterations, Cost.PasswordMemoryKiB * 1024);

    /// <summary>
    /// <c>argon2id [--threads N] [--seconds S]</c>: the raw rate outside BenchmarkDotNet, for <c>bench/h2load.sh</c>'s
    /// sign-in row: N threads hashing one after the other for S seconds (after one hash each). Prints <c>KEY=VALUE</c>.
    /// </summary>
    public static void PrintRate(int threads, double seconds)
    {
        var password = Encoding.UTF8.GetBytes(BenchmarkServer.Password);
        var hashes = 0;
        var wall = new Stopwatch();
        var duration = TimeSpan.FromSeconds(seconds);
        // The clock starts when every thread has made its first hash (memory mapped, code loaded).
        using var started = new Barrier(threads, _ => wall.Start());
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            HashOnce(password);
            started.SignalAndWait();
            while (wall.Elapsed < duration)
            {
                HashOnce(password);
                Interlocked.Increment(ref hashes);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Console.WriteLine($"HASHES={hashes}");
        Console.WriteLine($"HASHES_PER_SECOND={(hashes / wall.Elapsed.TotalSeconds).ToString("F1", CultureInfo.InvariantCulture)}");
    }
}
