using System.ComponentModel.DataAnnotations;
using System.Runtime.ExceptionServices;
using Connect.Admin.Localization;
using Connect.Admin.Pages.Operator.Organizations;
using Connect.Admin.Sessions;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Integrations;

/// <summary>
/// An internal app's OpenID Connect sign-in (fund operators): its redirect URIs, post-logout redirect URIs and
/// back-channel logout URI, one per line, replaced as a whole. Connect checks each URI and names the one it refuses.
/// </summary>
public sealed class SignInModel(ConnectApplicationClient applications, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Application Application { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return Gone();
        var signIn = Application.SignIn ?? new ApplicationSignIn();
        Input = new InputModel
        {
            RedirectUris = string.Join('\n', signIn.RedirectUris),
            PostLogoutRedirectUris = string.Join('\n', signIn.PostLogoutRedirectUris),
            BackchannelLogoutUri = signIn.BackchannelLogoutUri,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return Gone();
        if (!ModelState.IsValid) return Page();
        try
        {
            await applications.UpdateApplicationSignInAsync(Id, OrganizationInput.Lines(Input.RedirectUris), OrganizationInput.Lines(Input.PostLogoutRedirectUris),
                Input.BackchannelLogoutUri?.Trim(), HttpContext.RequestAborted);
            StatusMessage.Set(TempData, localizer["Integrations.SignInSaved", Application.DisplayName]);
            return RedirectToPage("/Integrations/Index");
        }
        catch (ConnectClientException exception)
        {
            if (SessionRequiredFilter.EndsTheSession(exception)) ExceptionDispatchInfo.Throw(exception);
            errors.AddTo(ModelState, exception, typeof(InputModel));
            return Page();
        }
    }

    /// <summary>The internal app, or false when it is none the operator manages.</summary>
    private async Task<bool> LoadAsync()
    {
        try
        {
            Application = await applications.GetApplicationAsync(Id, HttpContext.RequestAborted);
            return Application.Kind == ApplicationKind.Internal && Application.State == ApplicationState.Active;
        }
        catch (ConnectClientException exception) when (exception.Reason is ErrorReason.ApplicationNotFound or ErrorReason.FieldInvalid)
        {
            return false;
        }
    }

    private RedirectToPageResult Gone()
    {
        StatusMessage.Set(TempData, localizer["Error.APPLICATION_NOT_FOUND"]);
        return RedirectToPage("/Integrations/Index");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Integrations.RedirectUris")]
        [Display(Name = "Integrations.RedirectUris")]
        public string RedirectUris { get; set; } = string.Empty;

        [Display(Name = "Integrations.PostLogoutRedirectUris")]
        public string? PostLogoutRedirectUris { get; set; }

        [Display(Name = "Integrations.BackchannelLogoutUri")]
        public string? BackchannelLogoutUri { get; set; }
    }
}
