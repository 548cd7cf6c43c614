using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Connect.Admin.Pages.SignIn;

/// <summary>The sign-in's first step: e-mail address and password. The second factor always follows.</summary>
public sealed class IndexModel(ConnectSignInClient signIn, ConnectErrorMessages errors) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The page the person wanted before being sent here; only a local address is ever followed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() => Input.Email = SignInSteps.PrefilledEmail(TempData) ?? string.Empty;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        try
        {
            var started = await signIn.StartSignInAsync(Input.Email.Trim(), Input.Password, HttpContext.RequestAborted);
            var state = SignInState.From(started.Challenge, Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null);
            ConsoleCookies.SignIn.Write(HttpContext, state, state.ExpireTime);
            return RedirectToPage(state.PhoneNumberRequired ? SignInSteps.NewPhone : SignInSteps.SecondFactor);
        }
        catch (ConnectClientException exception)
        {
            errors.AddTo(ModelState, exception, typeof(InputModel));
            return Page();
        }
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.Email")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [Display(Name = "Field.Email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Required.Field.Password")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.Password")]
        public string Password { get; set; } = string.Empty;
    }
}
