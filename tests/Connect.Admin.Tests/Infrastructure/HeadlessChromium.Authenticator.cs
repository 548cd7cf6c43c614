using OpenQA.Selenium.VirtualAuth;

namespace Connect.Admin.Tests.Infrastructure;

/// <summary>
/// A passkey authenticator inside Chromium (WebDriver's virtual authenticator): CTAP2 over the internal transport, with
/// resident keys and user verification, so that the browser's WebAuthn calls answer without a device or a dialog.
/// </summary>
public sealed partial class HeadlessChromium
{
    /// <summary>Adds the authenticator until the scope ends; the passkeys it made go with it.</summary>
    public IDisposable AddPasskeyAuthenticator()
    {
        var id = driver.AddVirtualAuthenticator(new VirtualAuthenticatorOptions()
            .SetProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
            .SetTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
            .SetHasResidentKey(true)
            .SetHasUserVerification(true)
            .SetIsUserVerified(true));
        return new Authenticator(driver, id);
    }

    /// <summary>How many passkeys the authenticator holds.</summary>
    public int PasskeyCount() => driver.GetCredentials().Count;

    private sealed class Authenticator(OpenQA.Selenium.Chrome.ChromeDriver driver, string id) : IDisposable
    {
        public void Dispose() => driver.RemoveVirtualAuthenticator(id);
    }
}
