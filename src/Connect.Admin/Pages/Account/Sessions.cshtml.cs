using Connect.Admin.Localization;
using Connect.Admin.Pages.SignIn;
using Connect.Admin.Sessions;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Account;

/// <summary>The person's active sessions in every organisation: end one, or all of them ("sign out everywhere").</summary>
public sealed class SessionsModel(
    ConnectSessionClient sessions,
    ConnectAccountClient accounts,
    ConnectErrorMessages errors,
    IStringLocalizer<SharedResource> localizer) : AccountPageModel(accounts, errors, localizer)
{
    public IReadOnlyList<SessionSummary> Sessions { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostRevokeAsync(string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId)) return RedirectToPage();
        try
        {
            await sessions.RevokeSessionAsync(sessionId, HttpContext.RequestAborted);
            StatusMessage.Set(TempData, Localizer["Sessions.Revoked"]);
            return RedirectToPage();
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    /// <summary>Set by the second step's form (<see cref="Forms.Confirmation"/>).</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    /// <summary>The question "sign out everywhere" asks before it is done; null when there is none.</summary>
    public Forms.Confirmation? Confirmation { get; private set; }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        if (!Confirmed)
        {
            Confirmation = new("confirm-sign-out-everywhere", Localizer["Sessions.ConfirmTitle"], Localizer["Sessions.ConfirmText"],
                "SignOutEverywhere", null, [], Localizer["Sessions.SignOutEverywhere"], Url.Page("/Account/Sessions")!);
            return await ShowAsync();
        }
        var ended = await sessions.SignOutEverywhereAsync(HttpContext.RequestAborted);
        ConsoleCookies.DeleteSession(HttpContext);
        StatusMessage.Set(TempData, Localizer["Sessions.AllEnded", ended]);
        return RedirectToPage(SignInSteps.Password);
    }

    protected override async Task LoadAsync(CancellationToken cancellationToken) =>
        Sessions = await sessions.ListSessionsAsync(cancellationToken);
}
