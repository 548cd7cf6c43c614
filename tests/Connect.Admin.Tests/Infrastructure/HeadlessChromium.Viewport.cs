using OpenQA.Selenium;

namespace Connect.Admin.Tests.Infrastructure;

/// <summary>A phone's width through Chromium's device emulation, and whether the page then scrolls sideways.</summary>
public sealed partial class HeadlessChromium
{
    /// <summary>Shows pages <paramref name="width"/> CSS pixels wide (as a phone) until the scope ends.</summary>
    public IDisposable Narrow(int width)
    {
        driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        {
            ["width"] = width, ["height"] = 844, ["deviceScaleFactor"] = 1, ["mobile"] = true,
        });
        return new Widened(driver);
    }

    /// <summary>How much wider than the viewport the page is, in CSS pixels (0 when it does not scroll sideways).</summary>
    public int SidewaysOverflow() => Convert.ToInt32(((IJavaScriptExecutor)driver).ExecuteScript(
        "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)"),
        System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Widened(OpenQA.Selenium.Chrome.ChromeDriver driver) : IDisposable
    {
        public void Dispose() => driver.ExecuteCdpCommand("Emulation.clearDeviceMetricsOverride", []);
    }
}

/// <summary>The keyboard: keys sent to the page, and what has the focus.</summary>
public sealed partial class HeadlessChromium
{
    /// <summary>Sends keys (e.g. <see cref="Keys.Tab"/>) to whatever has the focus.</summary>
    public void PressKeys(string keys) => new OpenQA.Selenium.Interactions.Actions(driver).SendKeys(keys).Perform();

    /// <summary>The focused element's opening tag, e.g. <c>&lt;a class="skip-link" href="#main"&gt;</c>.</summary>
    public string FocusedElement() => (string)((IJavaScriptExecutor)driver).ExecuteScript(
        "const e = document.activeElement; return e.outerHTML.slice(0, e.outerHTML.indexOf('>') + 1);")!;
}
