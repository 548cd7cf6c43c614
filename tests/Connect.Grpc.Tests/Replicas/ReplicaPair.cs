using System.Diagnostics;
using System.Security.Cryptography;
using Connect.Grpc.Domain;
using Connect.Grpc.Storage.PostgreSql;
using Connect.Grpc.Tests.Storage;
using Grpc.Net.Client;

namespace Connect.Grpc.Tests.Replicas;

/// <summary>
/// Two server replicas, each its own process, over one fresh database of the private PostgreSQL cluster, started at
/// the same moment (so that they race for the schema and the bootstrap code). They share one server key and one data
/// folder for the e-mail pickup and SMS outbox, as replicas behind a load balancer share a mail relay and an SMS
/// gateway. The drivers of Connect.Testing run against them on real time: codes may be sent again after one second.
/// </summary>
public sealed class ReplicaPair : IAsyncLifetime, IConnectUnderTest
{
    private static readonly TimeSpan CodeResendInterval = TimeSpan.FromSeconds(1);

    private readonly List<(Process Process, string Address, OutputReader Output)> _replicas = [];
    private PostgresStore? _store;

    public ReplicaPair() => FundOperator = new FundOperator(this);

    public string ConnectionString { get; private set; } = "";

    public string DataDirectory { get; } = ConnectServerFactory.NewDataDirectory();

    /// <summary>The server key every replica holds (configuration, never a key file of one machine).</summary>
    public string ServerKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>One channel to each replica.</summary>
    public IReadOnlyList<GrpcChannel> Channels { get; private set; } = [];

    public IReadOnlyList<string> Addresses => [.. _replicas.Select(r => r.Address)];

    public IReadOnlyList<OutputReader> Outputs => [.. _replicas.Select(r => r.Output)];

    public Mailbox Mail => new(Path.Combine(DataDirectory, "mail-pickup"));

    public SmsOutbox Sms => new(Path.Combine(DataDirectory, "sms-outbox"));

    public TimeProvider Clock => TimeProvider.System;

    public TimeSpan ResendInterval => CodeResendInterval + TimeSpan.FromMilliseconds(100);

    public void Pass(TimeSpan time) => Thread.Sleep(time);

    public FundOperator FundOperator { get; }

    /// <summary>The code whichever replica printed (exactly one does).</summary>
    public string BootstrapCode => Outputs.Select(o => o.Lines.Select(TestCodes.AccessCode).FirstOrDefault(c => c is not null)).FirstOrDefault(c => c is not null)
        ?? throw new InvalidOperationException("No replica printed a bootstrap access code.");

    /// <summary>The shared database as the test process sees it, through a store of its own.</summary>
    public IStore Store() => _store ??= new PostgresStore(ConnectionString);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        ConnectionString = await PostgresCluster.Shared.CreateDatabaseAsync();
        var started = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => ServerProcess.Start(DataDirectory, Environment())));
        _replicas.AddRange(started);
        Channels = [.. _replicas.Select(r => GrpcChannel.ForAddress(r.Address))];
    }

    /// <summary>What every replica is started with.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["Connect__Storage__Provider"] = "PostgreSql",
        ["Connect__Storage__ConnectionString"] = ConnectionString,
        ["Connect__Security__ServerKey"] = ServerKey,
        ["Connect__Security__CodeResendInterval"] = CodeResendInterval.ToString(),
        ["Connect__Messaging__PollInterval"] = "00:00:01",
    };

    /// <summary>Kills a replica with SIGKILL: no shutdown, no flush, no dispose.</summary>
    public async Task Kill(int replica)
    {
        _replicas[replica].Process.Kill();
        await _replicas[replica].Process.WaitForExitAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var channel in Channels) channel.Dispose();
        foreach (var (process, _, _) in _replicas)
        {
            if (!process.HasExited) process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
        }
        _store?.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
