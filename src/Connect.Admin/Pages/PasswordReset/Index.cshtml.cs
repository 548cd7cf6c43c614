using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Connect.Admin.Pages.PasswordReset;

/// <summary>"Forgot password": the e-mail address, which receives a code if it is a person's.</summary>
public sealed class IndexModel(ConnectSignInClient signIn, ConnectErrorMessages errors) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        try
        {
            var email = Input.Email.Trim();
            var started = await signIn.StartPasswordResetAsync(email, HttpContext.RequestAborted);
            var expires = started.ExpireTime?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow.AddMinutes(30);
            var state = new PasswordResetState(started.ResetToken, email, expires, Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null)
            {
                NextResendTime = started.NextResendTime?.ToDateTimeOffset(),
            };
            ConsoleCookies.PasswordReset.Write(HttpContext, state, expires);
            return RedirectToPage("/PasswordReset/Code");
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
    }
}
