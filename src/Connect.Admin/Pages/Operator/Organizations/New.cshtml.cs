using Connect.Admin.Hosting;
using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator.Organizations;

/// <summary>"Nouvelle organisation": name, affiliate number, language, topics and the contact its letters go to.</summary>
public sealed class NewModel(ConnectOrganizationClient organizations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : OrganizationFormModel(organizations, errors, localizer)
{
    public override bool AffiliateNumberEditable => true;

    public async Task OnGetAsync() => await LoadTopicsAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (string.IsNullOrWhiteSpace(Input.AffiliateNumber))
        {
            ModelState.AddModelError("Input." + nameof(OrganizationInput.AffiliateNumber), Localizer["Required.Operator.Organizations.Field.AffiliateNumber"]);
        }
        if (!ModelState.IsValid)
        {
            await LoadTopicsAsync(ct);
            return Page();
        }
        try
        {
            var created = await Organizations.CreateOrganizationAsync(Input.DisplayName.Trim(), Input.AffiliateNumber.Trim(), Input.TopicIds,
                ConsoleCultures.ToLanguage(Input.Language), Input.ToContact(), ct);
            Say(Localizer["Operator.Organizations.CreatedMessage", created.DisplayName]);
            return RedirectToPage(OrganizationPages.Detail, new { id = created.Id });
        }
        catch (ConnectClientException exception)
        {
            if (exception.Reason == ErrorReason.AffiliateNumberTaken && exception.FieldViolations.Count == 0)
            {
                ModelState.AddModelError("Input." + nameof(OrganizationInput.AffiliateNumber), Errors.Describe(exception));
            }
            else
            {
                AddRefusal(exception);
            }
            await LoadTopicsAsync(ct);
            return Page();
        }
    }
}
