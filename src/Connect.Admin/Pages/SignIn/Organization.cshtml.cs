using Connect.Admin.Localization;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.SignIn;

/// <summary>After the second factor, a person with several organisations picks the one to act for.</summary>
public sealed class OrganizationModel(ConnectSignInClient signIn, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : SignInPageModel(signIn, errors, localizer)
{
    public IActionResult OnGet() => State.Organizations.Count == 0 ? RedirectToPage(SignInSteps.SecondFactor) : Page();

    public async Task<IActionResult> OnPostAsync(string? organizationId)
    {
        if (string.IsNullOrEmpty(organizationId) || State.Organizations.Count == 0) return RedirectToPage();
        try
        {
            return Complete(await SignInClient.ChooseOrganizationAsync(State.Token, organizationId, HttpContext.RequestAborted));
        }
        catch (ConnectClientException exception)
        {
            return Refused(exception);
        }
    }
}
