using OpenQA.Selenium;

namespace Connect.Admin.Tests.Infrastructure;

/// <summary>
/// What every page a test reaches through a form must hold, checked after each submit: when it shows errors, GOV.UK's
/// error pattern (a focused summary with role alert whose links lead to the invalid fields, "Erreur : " first in the
/// title, each invalid field marked and described by its own message), and never one of ASP.NET's English messages.
/// </summary>
public sealed partial class HeadlessChromium
{
    private const string ErrorPatternScript = """
        const problems = [];
        const summary = document.querySelector('.error-summary');
        const messages = [...document.querySelectorAll('.field-error')].filter(e => e.textContent.trim().length > 0);
        const invalid = [...document.querySelectorAll('[aria-invalid="true"]')];
        const english = /The .+ field is required|The value '.*' is (not valid|invalid)|The field .+ must be a number|A value for the '.+' .*was not provided|The value '.*' is not valid for/;
        if (english.test(document.body.innerText)) problems.push('an ASP.NET default message: ' + document.body.innerText.match(english)[0]);
        if (!summary) {
            if (messages.length || invalid.length) problems.push('errors shown without an error summary');
            return problems;
        }
        const prefixes = { fr: 'Erreur : ', de: 'Fehler: ', it: 'Errore: ', en: 'Error: ' };
        const prefix = prefixes[document.documentElement.lang];
        if (!document.title.startsWith(prefix)) problems.push('title without "' + prefix + '": ' + document.title);
        if (summary.getAttribute('role') !== 'alert') problems.push('summary without role alert');
        if (document.activeElement !== summary) problems.push('summary not focused (focus on ' + document.activeElement.outerHTML.slice(0, 80) + ')');
        if (!summary.querySelector('li')) problems.push('summary without a message');
        for (const link of summary.querySelectorAll('a')) {
            const id = link.getAttribute('href').slice(1);
            const field = document.getElementById(id);
            if (!field) { problems.push('summary link to no field: #' + id); continue; }
            if (field.getAttribute('aria-invalid') !== 'true') problems.push('#' + id + ' not aria-invalid');
            const described = (field.getAttribute('aria-describedby') || '').split(/\s+/).map(d => document.getElementById(d));
            if (!described.some(d => d && d.classList.contains('field-error') && d.textContent.trim())) problems.push('#' + id + ' not described by its message');
        }
        for (const field of invalid) {
            if (!summary.querySelector('a[href="#' + field.id + '"]')) problems.push('invalid #' + field.id + ' not linked from the summary');
        }
        for (const message of messages) {
            if (!message.id || !document.querySelector('[aria-describedby~="' + message.id + '"]')) problems.push('message tied to no field: ' + message.textContent.trim());
        }
        return problems;
        """;

    /// <summary>An error message's text as the page shows it, without the "Erreur : " only screen readers hear.</summary>
    public string ErrorMessage(string cssSelector) => ErrorMessages(cssSelector).FirstOrDefault()
        ?? throw new NoSuchElementException($"No element {cssSelector} at {Url}.");

    /// <summary>The texts of every error message that matches <paramref name="cssSelector"/>, as <see cref="ErrorMessage"/>.</summary>
    public IReadOnlyList<string> ErrorMessages(string cssSelector) =>
        [.. ((IEnumerable<object>)((IJavaScriptExecutor)driver).ExecuteScript("""
            return [...document.querySelectorAll(arguments[0])].map(e => {
                const shown = e.cloneNode(true);
                shown.querySelectorAll('.visually-hidden').forEach(hidden => hidden.remove());
                return shown.textContent.trim();
            });
            """, cssSelector)!).Select(text => text.ToString()!)];

    /// <summary>The page's breaches of the error pattern (empty when it shows no error, or shows them right).</summary>
    public IReadOnlyList<string> ErrorPatternProblems() =>
        [.. ((IEnumerable<object>)((IJavaScriptExecutor)driver).ExecuteScript(ErrorPatternScript)!).Select(p => p.ToString()!)];

    /// <summary>
    /// The forms whose errors were checked in this test run, as "path #form-id" (ids replaced by <c>{id}</c>); written
    /// to <c>$TMPDIR/connect-error-forms.txt</c> when a browser closes.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> CheckedForms = new();

    private static void WriteCheckedForms() =>
        File.WriteAllLines(Path.Combine(Path.GetTempPath(), "connect-error-forms.txt"), CheckedForms.Keys.Order(StringComparer.Ordinal));

    /// <summary>Fails with the page's address and breaches when the page shows errors without GOV.UK's pattern.</summary>
    public void AssertErrorPattern()
    {
        var forms = (IEnumerable<object>)((IJavaScriptExecutor)driver).ExecuteScript("""
            return document.querySelector('.error-summary')
                ? [...document.querySelectorAll('form')].filter(f => f.querySelector('[aria-invalid="true"], .error-summary')).map(f => f.id || '(no id)')
                : [];
            """)!;
        foreach (var form in forms) CheckedForms.TryAdd($"{PagePath()} #{form}", 0);
        var problems = ErrorPatternProblems();
        if (problems.Count > 0)
            throw new Xunit.Sdk.XunitException($"The error pattern does not hold at {Url}:\n  {string.Join("\n  ", problems)}");
    }
}
