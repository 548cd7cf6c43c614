using Google.Rpc;
using Grpc.Core;

namespace Connect.Grpc.Tests.SignIn;

/// <summary>The expiries of a sign-in on a fake clock, the per-address throttle, and the upgrade of old password hashes.</summary>
public sealed class SignInLimitsTests
{
    [Fact]
    public async Task AnSmsCode_Expires_After10Minutes_AndTheSignIn_After15()
    {
        using var server = new ConnectServerFactory();
        var people = new SignInDriver(server, server.CreateChannel());
        var anna = await people.Member("late@example.ch", "+41795550401", "401.401");
        var challenge = await people.Password(anna.Email);
        var code = await people.SmsCode(challenge, anna.Phone);

        server.Time.Advance(TimeSpan.FromMinutes(10));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "CODE_EXPIRED",
            people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = code }));
        var fresh = await people.SmsCode(challenge, anna.Phone);
        server.Time.Advance(TimeSpan.FromMinutes(4));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "SIGN_IN_EXPIRED",
            people.SignIn.VerifySecondFactorAsync(new() { SignInToken = challenge.SignInToken, SmsCode = fresh }));
        await RpcAssert.Fails(StatusCode.FailedPrecondition, "SIGN_IN_EXPIRED",
            people.SignIn.SendSignInCodeAsync(new() { SignInToken = challenge.SignInToken }));
    }

    [Fact]
    public async Task OneClientAddress_GetsABudgetOfAttemptsPerMinute()
    {
        using var server = new ConnectServerFactory(settings: new Dictionary<string, string?> { ["Connect:Security:AttemptsPerAddressPerMinute"] = "3" });
        var signIn = new Connect.V1.SignInService.SignInServiceClient(server.CreateChannel());
        for (var i = 0; i < 3; i++)
        {
            await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED",
                signIn.StartSignInAsync(new() { Email = $"guess{i}@example.ch", Password = "some password" }));
        }
        var limited = await RpcAssert.Fails(StatusCode.ResourceExhausted, "RATE_LIMITED",
            signIn.StartSignInAsync(new() { Email = "guess9@example.ch", Password = "some password" }));
        Assert.InRange(limited.GetDetail<RetryInfo>()!.RetryDelay.Seconds, 1, 60);
        await RpcAssert.Fails(StatusCode.ResourceExhausted, "RATE_LIMITED", signIn.StartPasswordResetAsync(new() { Email = "guess9@example.ch" }));

        server.Time.Advance(TimeSpan.FromMinutes(1));
        await RpcAssert.Fails(StatusCode.Unauthenticated, "SIGN_IN_FAILED",
            signIn.StartSignInAsync(new() { Email = "guess9@example.ch", Password = "some password" }));
    }

    [Fact]
    public async Task AnOldHash_IsUpgradedAtSignIn_WhenTheConfiguredCostRose()
    {
        var data = ConnectServerFactory.NewDataDirectory();
        try
        {
            RegisteredAdmin anna;
            using (var cheap = new ConnectServerFactory(dataDirectory: data))
            {
                anna = await new SignInDriver(cheap, cheap.CreateChannel()).Member("upgrade@example.ch", "+41795550402", "402.402");
                Assert.Contains("m=8,t=1", StoredHash(cheap, anna));
            }
            using var dearer = new ConnectServerFactory(dataDirectory: data, settings: new Dictionary<string, string?>
            {
                ["Connect:Security:PasswordMemoryKiB"] = "64",
                ["Connect:Security:PasswordIterations"] = "2",
            });
            var people = new SignInDriver(dearer, dearer.CreateChannel());
            await people.Password(anna.Email);
            Assert.Contains("m=64,t=2", StoredHash(dearer, anna));
            // The upgraded hash still takes the same password.
            await people.Password(anna.Email);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>
    /// Not a performance test: at a real hashing cost, an unknown address must take about as long as a wrong
    /// password (both hash once); without the stand-in hash it would answer some 20 times faster.
    /// </summary>
    [Fact]
    public async Task AnUnknownAddress_TakesAsLongAsAWrongPassword()
    {
        using var server = new ConnectServerFactory(settings: new Dictionary<string, string?>
        {
            ["Connect:Security:PasswordMemoryKiB"] = "32768",
            ["Connect:Security:PasswordIterations"] = "2",
        });
        var people = new SignInDriver(server, server.CreateChannel());
        var anna = await people.Member("timing@example.ch", "+41795550403", "403.403");
        await Assert.ThrowsAsync<RpcException>(() => people.Password("warm-up@example.ch", "some password"));

        var unknown = new List<double>();
        var wrong = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            unknown.Add(await Duration(() => people.Password($"nobody{i}@example.ch", "some password")));
            wrong.Add(await Duration(() => people.Password(anna.Email, $"wrong password {i}")));
        }
        // The fastest of each: a machine busy with other tests only ever adds time, so the minimum is the call's own cost.
        var ratio = unknown.Min() / wrong.Min();
        Assert.InRange(ratio, 1 / 3.0, 3.0);
    }

    private static async Task<double> Duration(Func<Task> refusedCall)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAsync<RpcException>(refusedCall);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static string StoredHash(ConnectServerFactory server, RegisteredAdmin member) =>
        server.Store().Read(r => r.Get<Connect.Grpc.Domain.Person>(member.PersonId))!.PasswordHash;
}
