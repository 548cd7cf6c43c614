using System.Runtime.ExceptionServices;
using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ConnectAccount = Connect.V1.Account;

namespace Connect.Admin.Pages.Account;

/// <summary>
/// A page of the signed-in person's own account. The folder's <see cref="SessionRequiredFilter"/> has already sent
/// anyone without a session to the sign-in, and does the same when Connect answers that the session ended.
/// </summary>
public abstract class AccountPageModel(ConnectAccountClient accounts, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    protected ConnectAccountClient Accounts => accounts;

    protected IStringLocalizer<SharedResource> Localizer => localizer;

    public ConnectAccount Account { get; private set; } = new();

    /// <summary>Loads what the page shows (by default the account) and shows it: for a GET, and again for a refused form.</summary>
    protected async Task<IActionResult> ShowAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        return Page();
    }

    protected virtual async Task LoadAsync(CancellationToken cancellationToken) =>
        Account = await accounts.GetAccountAsync(cancellationToken);

    /// <summary>Shows Connect's refusal on the form; an ended session is no form error and goes on to the folder's filter.</summary>
    protected async Task<IActionResult> RefusedAsync(ConnectClientException exception)
    {
        if (SessionRequiredFilter.EndsTheSession(exception)) ExceptionDispatchInfo.Throw(exception);
        errors.AddTo(ModelState, exception, GetType().GetProperty("Input")?.PropertyType);
        return await ShowAsync();
    }

    /// <summary>Back to the account's overview, saying what was done.</summary>
    protected RedirectToPageResult Done(string message)
    {
        StatusMessage.Set(TempData, message);
        return RedirectToPage(AccountPages.Overview);
    }
}
