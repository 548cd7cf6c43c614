namespace Connect.Admin.Tests.Infrastructure;

/// <summary>Signing a registered person in through the console's pages, with one of their recovery codes.</summary>
public static class BrowserSignIn
{
    /// <summary>
    /// Signs <paramref name="person"/> in, in <paramref name="system"/>'s browser without cookies, with their recovery
    /// code number <paramref name="code"/> (each works once), and waits for the account page.
    /// </summary>
    public static void SignInWithRecoveryCode(this ConnectSystem system, RegisteredPerson person, int code = 0)
    {
        var browser = system.Browser;
        system.AtRecoveryCodeStep(person);
        browser.Fill("Input.Code", person.RecoveryCodes[code]);
        browser.Submit("#verify button[type=submit]");
        browser.ExpectPath("/account");
    }

    /// <summary>A fresh browser session through the password, on the second step's recovery-code form.</summary>
    public static void AtRecoveryCodeStep(this ConnectSystem system, RegisteredPerson person)
    {
        system.Browser.PastThePassword(system.ConsoleUrl("/signin"), person);
        system.Browser.Click("a[href*='factor=recovery-code']");
    }

    /// <summary>Without cookies, the sign-in page at <paramref name="signIn"/> given the person's address and password: on the second step.</summary>
    public static void PastThePassword(this HeadlessChromium browser, Uri signIn, RegisteredPerson person)
    {
        browser.Open(signIn);
        browser.ForgetCookies();
        browser.Open(signIn);
        browser.Fill("Input.Email", person.Email);
        browser.Fill("Input.Password", person.Password);
        browser.Submit("#sign-in button[type=submit]");
    }
}
