using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Connect.Admin.Hosting;
using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Members.New;

/// <summary>
/// "Nouveau", step 2 as in the guide: given and family name, and what the person may do (the administrator right,
/// topics) and in which language they get their e-mails.
/// </summary>
public sealed class PersonModel(ConnectMemberClient members, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : NewMemberPageModel(members, errors, localizer)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public override int Step => 2;

    public IEnumerable<SelectListItem> Languages =>
        ConsoleCultures.Supported.Select(c => new SelectListItem(Localizer["Language." + c], c));

    protected override string? MissingStep(NewMemberDraft draft) =>
        draft.Email.Length == 0 ? MemberPages.NewEmail
        : draft.MemberId is not null ? MemberPages.NewPhone
        : null;

    public async Task OnGetAsync()
    {
        await LoadTopicsAsync(HttpContext.RequestAborted);
        Input = new InputModel
        {
            GivenName = Draft.GivenName,
            FamilyName = Draft.FamilyName,
            Administrator = Draft.Administrator,
            TopicIds = [.. Draft.TopicIds],
            // The language the administrator reads the console in is the likely one of their colleague.
            Language = Draft.Language.Length > 0 ? Draft.Language : CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadTopicsAsync(HttpContext.RequestAborted);
            return Page();
        }
        Save(Draft with
        {
            GivenName = Input.GivenName.Trim(),
            FamilyName = Input.FamilyName.Trim(),
            Administrator = Input.Administrator,
            TopicIds = [.. Input.TopicIds.Distinct()],
            Language = ConsoleCultures.Supported.Contains(Input.Language) ? Input.Language : ConsoleCultures.Default,
        });
        return RedirectToPage(MemberPages.NewPhone);
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.GivenName")]
        [StringLength(ConnectLimits.MaxNameLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.GivenName")]
        public string GivenName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Required.Field.FamilyName")]
        [StringLength(ConnectLimits.MaxNameLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.FamilyName")]
        public string FamilyName { get; set; } = string.Empty;

        [Display(Name = "Members.AdministratorRight")]
        public bool Administrator { get; set; }

        [Display(Name = "Members.Topics")]
        public List<string> TopicIds { get; set; } = [];

        [Required(ErrorMessage = "Required.Members.PersonLanguage")]
        [Display(Name = "Members.PersonLanguage")]
        public string Language { get; set; } = ConsoleCultures.Default;
    }
}
