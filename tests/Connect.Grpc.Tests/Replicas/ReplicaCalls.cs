using Connect.V1;
using Google.Rpc;
using Grpc.Core;

namespace Connect.Grpc.Tests.Replicas;

/// <summary>What the replica tests do alike: calls released together, fresh numbers, the operator as an administrator.</summary>
internal static class ReplicaCalls
{
    /// <summary>The fund's operator, an administrator of the fund's organisation, with a live session.</summary>
    public static async Task<RegisteredAdmin> OperatorAdmin(ReplicaPair replicas, MemberDriver members)
    {
        var token = await replicas.FundOperator.Token(replicas.Channels[0]);
        var me = await members.SignIn.Sessions.WhoAmIAsync(new(), RpcAssert.Bearer(token));
        return new RegisteredAdmin(FundOperator.Email, FundOperator.Phone, me.PersonId, me.OrganizationId, token);
    }

    /// <summary>
    /// Runs <paramref name="count"/> calls released at one moment; answers "OK" or the refusal's ErrorInfo reason each,
    /// in call order.
    /// </summary>
    public static async Task<string[]> Together<T>(int count, Func<int, Task<T>> call)
    {
        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await call(i);
                return "OK";
            }
            catch (RpcException refused)
            {
                return refused.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? refused.StatusCode.ToString();
            }
        })).ToList();
        start.Set();
        return await Task.WhenAll(calls);
    }

    private static int _phones;

    /// <summary>A Swiss mobile number no other call of this class used (+41 78 8…, a range no other test writes out).</summary>
    public static string Phone() => "+41788" + Interlocked.Increment(ref _phones).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
}
