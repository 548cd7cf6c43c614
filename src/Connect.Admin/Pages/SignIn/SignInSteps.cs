using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Connect.Admin.Pages.SignIn;

/// <summary>The pages of the sign-in, in their order.</summary>
public static class SignInSteps
{
    public const string Password = "/SignIn/Index";
    public const string SecondFactor = "/SignIn/SecondFactor";
    /// <summary>Instead of the second factor after the fund reset it: a new mobile number, verified by SMS.</summary>
    public const string NewPhone = "/SignIn/NewPhone";
    public const string Organization = "/SignIn/Organization";

    /// <summary>Where a signed-in person lands when they did not ask for a page.</summary>
    public const string Home = "/account";

    private const string EmailKey = "SignInEmail";

    /// <summary>Fills the sign-in's e-mail field on the next page (after an activation), without putting the address in a link.</summary>
    public static void PrefillEmail(ITempDataDictionary tempData, string email) => tempData[EmailKey] = email;

    /// <summary>The address <see cref="PrefillEmail"/> left, once.</summary>
    public static string? PrefilledEmail(ITempDataDictionary tempData) => tempData[EmailKey] as string;
}
