using Connect.V1;

namespace Connect.Admin.Pages.Operator.Organizations;

/// <summary>The passkey policies an operator chooses from on "Editer", by the names the form posts.</summary>
public static class PasskeyPolicies
{
    public const string None = "none";

    public static IReadOnlyList<string> Names { get; } = [None, "administrators", "everyone"];

    public static string Name(PasskeyPolicy policy) => policy switch
    {
        PasskeyPolicy.Administrators => "administrators",
        PasskeyPolicy.Everyone => "everyone",
        _ => None,
    };

    /// <summary>The policy of a posted name; unspecified (refused by Connect) for anything else.</summary>
    public static PasskeyPolicy From(string? name) => name switch
    {
        None => PasskeyPolicy.None,
        "administrators" => PasskeyPolicy.Administrators,
        "everyone" => PasskeyPolicy.Everyone,
        _ => PasskeyPolicy.Unspecified,
    };
}
