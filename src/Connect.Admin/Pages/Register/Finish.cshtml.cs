using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Register;

/// <summary>Step 6: "Terminer" makes the person the organisation's administrator and signs them in.</summary>
public sealed class FinishModel(ConnectRegistrationClient registrations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : RegistrationPageModel(registrations, errors, localizer)
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var finished = await Registrations.FinishRegistrationAsync(RegistrationToken, HttpContext.RequestAborted);
            ConsoleCookies.WriteSession(HttpContext, finished.SessionToken, finished.SessionExpireTime);
            ConsoleCookies.DeleteRegistration(HttpContext);
            TempData[DoneModel.OrganizationKey] = finished.Registration.OrganizationDisplayName;
            return RedirectToPage(RegistrationSteps.Done);
        }
        catch (ConnectClientException exception)
        {
            return Refused(exception);
        }
    }
}
