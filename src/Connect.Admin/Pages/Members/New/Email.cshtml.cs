using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Members.New;

/// <summary>"Nouveau", step 1 as in the guide: the new person's e-mail address.</summary>
public sealed class EmailModel(ConnectMemberClient members, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : NewMemberPageModel(members, errors, localizer)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public override int Step => 1;

    protected override string? MissingStep(NewMemberDraft draft) => null;

    public async Task OnGetAsync()
    {
        // A dialog whose member was already created lives on as a pending member in the list: "Nouveau" starts afresh.
        if (Draft.MemberId is not null) Forget();
        Input.Email = Draft.Email;
        // Connect is asked before anything is typed, so that someone who may not add people learns it at once.
        await LoadTopicsAsync(HttpContext.RequestAborted);
    }

    public IActionResult OnPost()
    {
        if (!ModelState.IsValid) return Page();
        var email = Input.Email.Trim();
        Save(Draft.MemberId is null ? Draft with { Email = email } : new NewMemberDraft(email));
        return RedirectToPage(MemberPages.NewPerson);
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.Email")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [Display(Name = "Field.Email")]
        public string Email { get; set; } = string.Empty;
    }
}
