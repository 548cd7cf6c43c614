using Connect.Admin.Hosting;
using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator.Organizations;

/// <summary>
/// "Editer": name, language, topics, contact and passkey policy, saved with the etag read when the form was shown, so that two
/// operators never overwrite each other; the update mask names exactly the fields of this form.
/// </summary>
public sealed class EditModel(ConnectOrganizationClient organizations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : OrganizationFormModel(organizations, errors, localizer)
{
    /// <summary>The fields this form shows, as the update mask names them.</summary>
    private static readonly string[] FormFields = ["display_name", "language", "topic_ids", "contact", "passkey_policy"];

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    public Organization Organization { get; private set; } = new();

    /// <summary>True when Connect said someone else changed the organisation meanwhile: the page offers to reload.</summary>
    public bool Stale { get; private set; }

    public override bool AffiliateNumberEditable => false;

    protected override IEnumerable<string> HeldTopicIds => Organization.TopicIds;

    public Task<IActionResult> OnGetAsync() => ShowAsync(fillForm: true);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return await ShowAsync(fillForm: false);
        try
        {
            var change = new Organization
            {
                Id = Id,
                Etag = Input.Etag,
                DisplayName = Input.DisplayName.Trim(),
                Language = ConsoleCultures.ToLanguage(Input.Language),
                Contact = Input.ToContact(),
                PasskeyPolicy = PasskeyPolicies.From(Input.PasskeyPolicy),
            };
            change.TopicIds.AddRange(Input.TopicIds);
            await Organizations.UpdateOrganizationAsync(change, FormFields, HttpContext.RequestAborted);
            Say(Localizer["Operator.Organizations.Saved"]);
            return RedirectToPage(OrganizationPages.Detail, new { id = Id });
        }
        catch (ConnectClientException exception)
        {
            if (IsGone(exception)) return ToList(Errors.Describe(exception));
            if (exception.Reason == ErrorReason.EtagMismatch)
            {
                // The form keeps what was typed and its old etag: saving again needs a reload first.
                Stale = true;
                ModelState.AddModelError(string.Empty, Localizer["Operator.Organizations.Stale"]);
            }
            else
            {
                AddRefusal(exception);
            }
            return await ShowAsync(fillForm: false);
        }
    }

    /// <summary>Loads the organisation; <paramref name="fillForm"/> puts its values (and etag) into the form, else the form keeps what was posted.</summary>
    private async Task<IActionResult> ShowAsync(bool fillForm)
    {
        var ct = HttpContext.RequestAborted;
        try
        {
            Organization = await Organizations.GetOrganizationAsync(Id, ct);
        }
        catch (ConnectClientException exception) when (IsGone(exception))
        {
            return ToList(Errors.Describe(exception));
        }
        await LoadTopicsAsync(ct);
        if (fillForm)
        {
            Input = OrganizationInput.From(Organization);
        }
        else
        {
            Input.AffiliateNumber = Organization.AffiliateNumber;
        }
        return Page();
    }
}
