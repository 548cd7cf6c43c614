using System.Collections.Concurrent;
using Connect.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Connect.Grpc.Tests.Storage;

/// <summary>
/// A real server process is killed with SIGKILL while clients write; after a restart on the same files every
/// write it acknowledged is there. 32 writers keep many commits waiting for a shared fsync (group commit), and 400
/// writes fill LiteDB's log past its checkpoint (1,000 pages), which copies it into the data file and empties it.
/// </summary>
public sealed class KillNineTests
{
    [Fact]
    public async Task AcknowledgedWrites_SurviveKillNine()
    {
        var dataDirectory = ConnectServerFactory.NewDataDirectory();
        try
        {
            var (first, address, output) = await ServerProcess.Start(dataDirectory);
            var code = await output.WaitFor(TestCodes.AccessCode);
            using var channel = GrpcChannel.ForAddress(address);
            var registration = new RegistrationService.RegistrationServiceClient(channel);

            var acknowledged = new ConcurrentBag<string>();
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        acknowledged.Add((await registration.RedeemAccessCodeAsync(new() { AccessCode = code })).RegistrationToken);
                    }
                    catch (RpcException)
                    {
                        return; // the server died mid-call: that write was never acknowledged
                    }
                }
            })).ToList();
            while (acknowledged.Count < 400 && writers.Any(w => !w.IsCompleted)) await Task.Delay(10);
            Assert.True(acknowledged.Count >= 400, $"The writers stopped after {acknowledged.Count} acknowledged writes.");
            first.Kill(); // SIGKILL: no shutdown, no flush, no dispose
            await first.WaitForExitAsync();
            stop.Cancel();
            await Task.WhenAll(writers);

            var (second, secondAddress, _) = await ServerProcess.Start(dataDirectory);
            try
            {
                using var secondChannel = GrpcChannel.ForAddress(secondAddress);
                var reader = new RegistrationService.RegistrationServiceClient(secondChannel);
                foreach (var token in acknowledged)
                {
                    var found = await reader.GetRegistrationAsync(new() { RegistrationToken = token });
                    Assert.Equal(RegistrationState.EmailRequired, found.Registration.State);
                }
            }
            finally
            {
                second.Kill();
                await second.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
