using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Connect.Admin.Pages;

/// <summary>The one error page: a plain sentence, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Code { get; set; }

    public bool PageNotFound => Code == StatusCodes.Status404NotFound;

    public void OnGet()
    {
    }

    // The exception handler re-executes the failed request's method, which may be a POST.
    public void OnPost()
    {
    }
}
