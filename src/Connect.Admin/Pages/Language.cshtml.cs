using Connect.Admin.Hosting;
using Connect.Admin.Sessions;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Connect.Admin.Pages;

/// <summary>The language switcher of the layout: remembers the choice in a cookie and goes back to the page.</summary>
public sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (culture is not null && ConsoleCultures.Supported.Contains(culture))
        {
            ConsoleCookies.WriteLanguage(HttpContext, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)));
        }
        // Only back into the console: the return address comes from the browser.
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
