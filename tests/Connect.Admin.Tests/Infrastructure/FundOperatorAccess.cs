using Connect.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Admin.Tests.Infrastructure;

/// <summary>The fund's first operator, for tests of the fund's area: their session, and recovery codes to sign in with in a browser.</summary>
public static partial class Registrations
{
    /// <summary>The operator registered with the bootstrap code (once per system), with their session and recovery codes.</summary>
    public static Task<RegisteredPerson> FundOperatorAsync(this ConnectSystem system) =>
        system.OnceAsync("fund-operator-with-recovery-codes", async () =>
        {
            var session = await system.OnceAsync("api-operator", () => RegisterWithCodeAsync(system, system.BootstrapAccessCode, FundOperator));
            using var asOperator = system.Client(session);
            var codes = await asOperator.GetRequiredService<ConnectAccountClient>().CreateRecoveryCodesAsync(FundOperator.Password);
            return new RegisteredPerson(FundOperator, "", session, codes);
        });
}
