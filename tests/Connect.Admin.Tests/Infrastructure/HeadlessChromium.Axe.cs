using Connect.Testing;
using OpenQA.Selenium;

namespace Connect.Admin.Tests.Infrastructure;

/// <summary>
/// axe-core (the README's test command installs it into <c>node_modules</c>) over every page a test opens or reaches
/// through a form: any WCAG 2.1 A or AA violation fails the test, with axe's rule, its help and the elements.
/// </summary>
public sealed partial class HeadlessChromium
{
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var path = Path.Combine(RepositoryRoot.Find(), "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException("node_modules/axe-core is missing: run the README's test command, which installs it.");
    });

    // Loaded through DevTools (not a <script> of the page), which the console's Content-Security-Policy does not stop.
    private const string AxeRunScript = """
        const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
            .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + '\n      '
                + v.nodes.slice(0, 5).map(n => n.target.join(' ') + '  ' + n.html.slice(0, 160)).join('\n      '))))
            .catch(e => done(['axe failed: ' + e]));
        """;

    /// <summary>
    /// The pages axe checked in this test run, by path with ids replaced by <c>{id}</c>; written to
    /// <c>$TMPDIR/connect-axe-pages.txt</c> when a browser closes, for whoever wants the list.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> CheckedPages = new();

    private static void WriteCheckedPages() =>
        File.WriteAllLines(Path.Combine(Path.GetTempPath(), "connect-axe-pages.txt"), CheckedPages.Keys.Order(StringComparer.Ordinal));

    /// <summary>The page's path with ids replaced by <c>{id}</c>.</summary>
    private string PagePath() => System.Text.RegularExpressions.Regex.Replace(Url.AbsolutePath, "/[0-9a-f]{16,}", "/{id}");

    /// <summary>The page's WCAG 2.1 A/AA violations as axe-core finds them.</summary>
    public IReadOnlyList<string> AccessibilityViolations()
    {
        var js = (IJavaScriptExecutor)driver;
        if (js.ExecuteScript("return typeof axe === 'undefined'") is true) js.ExecuteScript(AxeSource.Value);
        return [.. ((IEnumerable<object>)js.ExecuteAsyncScript(AxeRunScript)!).Select(v => v.ToString()!)];
    }

    /// <summary>Fails with the page's address and axe's findings when the page breaks a WCAG 2.1 A/AA rule.</summary>
    public void AssertAccessible()
    {
        // An answer that is no page of the console (a file, Chromium's own error page) has nothing to check.
        if (driver.FindElements(By.TagName("main")).Count == 0) return;
        CheckedPages.TryAdd(PagePath(), 0);
        var violations = AccessibilityViolations();
        if (violations.Count > 0)
            throw new Xunit.Sdk.XunitException($"axe-core finds WCAG 2.1 A/AA violations at {Url}:\n  {string.Join("\n  ", violations)}");
    }
}
