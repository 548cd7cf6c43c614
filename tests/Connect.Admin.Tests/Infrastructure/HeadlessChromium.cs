using System.Globalization;
using System.Text.RegularExpressions;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using OpenQA.Selenium.Support.UI;

namespace Connect.Admin.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Debian's chromedriver, headless, with a fresh profile; nothing is downloaded
/// (an explicit driver and browser path keep Selenium Manager out).
/// </summary>
public sealed partial class HeadlessChromium : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly string profileDirectory = Directory.CreateTempSubdirectory("connect-chromium-").FullName;
    private readonly string downloadDirectory = Directory.CreateTempSubdirectory("connect-downloads-").FullName;
    private readonly ChromeDriver driver;

    public HeadlessChromium()
    {
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
            // What a test never uses but Chromium would start and keep busy (from the set Puppeteer starts with).
            "--disable-extensions", "--disable-component-extensions-with-background-pages", "--disable-default-apps",
            "--disable-breakpad", "--disable-field-trial-config", "--disable-client-side-phishing-detection",
            "--disable-features=Translate,OptimizationHints,MediaRouter",
            "--user-data-dir=" + profileDirectory);
        // Files the console answers as attachments (letters' PDFs) land here, without a dialog.
        options.AddUserProfilePreference("download.default_directory", downloadDirectory);
        options.AddUserProfilePreference("download.prompt_for_download", false);
        driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(30));
    }

    public Uri Url => new(driver.Url);

    /// <summary>The text of the page's main part.</summary>
    public string MainText => driver.FindElement(By.TagName("main")).Text;

    public string FooterText => driver.FindElement(By.TagName("footer")).Text;

    public string PageSource => driver.PageSource;

    /// <summary>Opens a page and checks it with axe-core (<see cref="AssertAccessible"/>).</summary>
    public void Open(Uri address)
    {
        driver.Navigate().GoToUrl(address);
        AssertAccessible();
    }

    /// <summary>Forgets every cookie, as if another browser went on.</summary>
    public void ForgetCookies()
    {
        // Cookies belong to the page's site; before the first page there are none.
        if (Url.Scheme is "http" or "https") driver.Manage().Cookies.DeleteAllCookies();
    }

    /// <summary>A cookie of the current page, HttpOnly ones included.</summary>
    public Cookie? Cookie(string name) => driver.Manage().Cookies.GetCookieNamed(name);

    /// <summary>Sets a cookie of the current page's site, as the console would (HttpOnly, Strict, path /).</summary>
    public void SetCookie(string name, string value) =>
        driver.Manage().Cookies.AddCookie(new Cookie(name, value, null, "/", null, false, true, "Strict"));

    /// <summary>The text of the first element that matches <paramref name="cssSelector"/>.</summary>
    public string Text(string cssSelector) => driver.FindElement(By.CssSelector(cssSelector)).Text;

    /// <summary>The texts of every element that matches <paramref name="cssSelector"/>.</summary>
    public IReadOnlyList<string> Texts(string cssSelector) => [.. driver.FindElements(By.CssSelector(cssSelector)).Select(e => e.Text)];

    /// <summary>An attribute of the first element that matches <paramref name="cssSelector"/> (<see cref="AttributeOf"/> finds fields by name).</summary>
    public string Attribute(string cssSelector, string attribute) =>
        driver.FindElement(By.CssSelector(cssSelector)).GetAttribute(attribute) ?? string.Empty;

    /// <summary>True when some element matches <paramref name="cssSelector"/>.</summary>
    public bool Exists(string cssSelector) => driver.FindElements(By.CssSelector(cssSelector)).Count > 0;

    public string ValueOf(string fieldName) => Field(fieldName).GetAttribute("value") ?? string.Empty;

    public string AttributeOf(string fieldName, string attribute) => Field(fieldName).GetAttribute(attribute) ?? string.Empty;

    public void Fill(string fieldName, string value)
    {
        var field = Field(fieldName);
        field.Clear();
        field.SendKeys(value);
    }

    /// <summary>Puts a file into a file field, as choosing it in the dialog would.</summary>
    public void Attach(string fieldName, string path) => Field(fieldName).SendKeys(path);

    public void Choose(string fieldName, string value) =>
        Field(fieldName).FindElement(By.CssSelector($"option[value='{value}']")).Click();

    /// <summary>Follows a link (by CSS selector) and waits for the next page.</summary>
    public void Click(string selector) => Submit(selector);

    /// <summary>Clicks something that stays on the page (e.g. opens a <c>details</c>).</summary>
    public void Press(string cssSelector) => driver.FindElement(By.CssSelector(cssSelector)).Click();

    /// <summary>Clicks the main part's submit button that says <paramref name="text"/> and waits for the next page.</summary>
    public void SubmitButtonSaying(string text) =>
        Submit(driver.FindElement(By.XPath($"//main//button[contains(normalize-space(.), '{text}')]")));

    /// <summary>Clicks a submit button (by CSS selector, default: the main part's first) and waits for the next page.</summary>
    public void Submit(string buttonSelector = "main button[type=submit]") => Submit(driver.FindElement(By.CssSelector(buttonSelector)));

    /// <summary>Double-clicks an element (by CSS selector) whose double-click opens another page, and waits for it.</summary>
    public void DoubleClick(string cssSelector) =>
        AwaitNextPage(() => new Actions(driver).DoubleClick(driver.FindElement(By.CssSelector(cssSelector))).Perform());

    /// <summary>Checks or unchecks a checkbox (by CSS selector).</summary>
    public void SetChecked(string cssSelector, bool check)
    {
        var box = driver.FindElement(By.CssSelector(cssSelector));
        if (box.Selected != check) box.Click();
    }

    public bool IsChecked(string cssSelector) => driver.FindElement(By.CssSelector(cssSelector)).Selected;

    /// <summary>
    /// Submits a form that sends a code. Connect sends one to an address or number every few seconds at most (see
    /// <see cref="ConnectSystem.CodeResendInterval"/>): when the (French) page says to try again in so many seconds, this
    /// waits as long and submits again.
    /// </summary>
    public async Task SubmitWithinTheResendLimitAsync(string buttonSelector)
    {
        Submit(buttonSelector);
        if (RetryAfterSeconds().Match(MainText) is { Success: true } wait)
        {
            await Task.Delay(TimeSpan.FromSeconds(int.Parse(wait.Groups[1].Value, CultureInfo.InvariantCulture) + 1));
            Submit(buttonSelector);
        }
    }

    private void Submit(IWebElement button) => AwaitNextPage(button.Click);

    private void AwaitNextPage(Action act)
    {
        var page = driver.FindElement(By.TagName("html"));
        act();
        Wait().Until(_ => IsGone(page));
        Wait().Until(d =>
            "complete".Equals(((IJavaScriptExecutor)d).ExecuteScript("return document.readyState")));
        // Every page a form leads to: its errors, if any, follow GOV.UK's pattern, and axe finds nothing.
        AssertErrorPattern();
        AssertAccessible();
    }

    /// <summary>
    /// Clicks a button whose answer is a file (the page stays) and returns the downloaded file's path once Chromium
    /// has finished writing it.
    /// </summary>
    public async Task<string> DownloadAsync(string buttonSelector)
    {
        var before = Directory.GetFiles(downloadDirectory).ToHashSet();
        driver.FindElement(By.CssSelector(buttonSelector)).Click();
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            // Chromium writes into a temporary (.crdownload or hidden) file and renames it when done.
            var files = Directory.GetFiles(downloadDirectory).Where(f => !before.Contains(f)).ToList();
            var done = files.Where(f => !f.EndsWith(".crdownload", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith('.')).ToList();
            if (done.Count == 1 && files.Count == 1) return done[0];
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"No download arrived in {downloadDirectory} within {Patience.TotalSeconds} s; the browser is at {Url}:\n{MainText}");
    }

    /// <summary>Waits until the page's path is <paramref name="path"/>; fails with the page's text otherwise.</summary>
    public void ExpectPath(string path)
    {
        try
        {
            Wait().Until(_ => Url.AbsolutePath == path);
        }
        catch (WebDriverTimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"Expected {path}, but the browser is at {Url}:\n{MainText}");
        }
    }

    public void Dispose()
    {
        WriteCheckedPages();
        WriteCheckedForms();
        driver.Quit();
        driver.Dispose();
        try
        {
            Directory.Delete(profileDirectory, recursive: true);
            Directory.Delete(downloadDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold a file for a moment; the temporary folder is the system's to clean.
        }
    }

    private IWebElement Field(string name) => driver.FindElement(By.Name(name));

    // Selenium looks again every 500 ms by default: a page that loads in 30 ms would still cost half a second.
    private WebDriverWait Wait() => new(driver, Patience) { PollingInterval = TimeSpan.FromMilliseconds(50) };

    [GeneratedRegex(@"réessayer dans (\d+) secondes")]
    private static partial Regex RetryAfterSeconds();

    private static bool IsGone(IWebElement element)
    {
        try
        {
            _ = element.Enabled;
            return false;
        }
        catch (WebDriverException)
        {
            // Stale, or "does not belong to the document" while Chromium swaps documents: either way, left behind.
            return true;
        }
    }
}
