namespace Connect.Admin.Pages.SignIn;

/// <summary>The pages of the sign-in, in their order.</summary>
public static class SignInSteps
{
    public const string Password = "/SignIn/Index";
    public const string SecondFactor = "/SignIn/SecondFactor";
    public const string Organization = "/SignIn/Organization";

    /// <summary>Where a signed-in person lands when they did not ask for a page.</summary>
    public const string Home = "/account";
}
