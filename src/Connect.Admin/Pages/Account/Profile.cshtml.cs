using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Connect.Admin.Hosting;
using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Account;

/// <summary>Names and language. The language is also the console's from now on.</summary>
public sealed class ProfileModel(ConnectAccountClient accounts, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : AccountPageModel(accounts, errors, localizer)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IEnumerable<SelectListItem> Languages =>
        ConsoleCultures.Supported.Select(c => new SelectListItem(Localizer["Language." + c], c));

    public async Task<IActionResult> OnGetAsync()
    {
        var page = await ShowAsync();
        Input = new InputModel
        {
            GivenName = Account.GivenName,
            FamilyName = Account.FamilyName,
            Language = ConsoleCultures.ToCulture(Account.Language),
        };
        return page;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return await ShowAsync();
        try
        {
            var language = ConsoleCultures.Supported.Contains(Input.Language) ? Input.Language : ConsoleCultures.Default;
            await Accounts.UpdateProfileAsync(Input.GivenName.Trim(), Input.FamilyName.Trim(), ConsoleCultures.ToLanguage(language),
                HttpContext.RequestAborted);
            ConsoleCookies.WriteLanguage(HttpContext, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)));
            // The next page speaks the new language; so does the message it shows.
            CultureInfo.CurrentUICulture = new CultureInfo(language);
            return Done(Localizer["Profile.Saved"]);
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.GivenName")]
        [Display(Name = "Field.GivenName")]
        public string GivenName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Required.Field.FamilyName")]
        [Display(Name = "Field.FamilyName")]
        public string FamilyName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Required.Field.Language")]
        [Display(Name = "Field.Language")]
        public string Language { get; set; } = ConsoleCultures.Default;
    }
}
