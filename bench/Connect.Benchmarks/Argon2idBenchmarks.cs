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
        Parallel.For(0, Hashes, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
            Argon2id.ComputeHash(new char[Argon2id.HashSize], _password, Cost.PasswordIterations, Cost.PasswordMemoryKiB * 1024));
}
