using Connect.Admin.Tests.Infrastructure;

namespace Connect.Admin.Tests.Pages.Operator.Support;

/// <summary>
/// One running system for the fund staff's topics, support and audit pages. The fund's first operator signs in with
/// a recovery code each time (no SMS limit holds a test up); each person the tests help has a number of their own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FundStaffCollection : ICollectionFixture<ConnectSystem>
{
    public const string Name = "fund staff: topics, support, audit";

    private static int usedRecoveryCodes;

    /// <summary>Signs the fund's operator in, in <paramref name="system"/>'s browser without cookies, and opens the fund's area.</summary>
    public static async Task SignInAsOperatorAsync(ConnectSystem system)
    {
        var fundOperator = await system.OperatorAsync();
        system.SignInWithRecoveryCode(fundOperator, Interlocked.Increment(ref usedRecoveryCodes) - 1);
        var browser = system.Browser;
        // "⋮", "Espace de la caisse".
        browser.Press("#main-menu summary");
        browser.Click("#menu-operator");
        browser.ExpectPath("/operator");
    }
}
