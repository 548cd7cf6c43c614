using System.ComponentModel.DataAnnotations;
using Connect.Admin.Hosting;
using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator.Organizations;

/// <summary>
/// One organisation: its data, contact, topics and state, "Suspendre"/"Rouvrir" with a reason, and its administrator
/// invitations. "Inviter par e-mail" e-mails a code; "Lettre d'invitation" and "Imprimer à nouveau" answer the
/// letter's PDF at once, because Connect returns the access code in that answer only.
/// </summary>
public sealed class DetailModel(ConnectOrganizationClient organizations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : OrganizationsPageModel(organizations, errors, localizer)
{
    public const int InvitationPageSize = 10;

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    /// <summary>The page of invitations shown; empty for the newest.</summary>
    [BindProperty(SupportsGet = true, Name = "invitations")]
    public string? InvitationsToken { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Organization Organization { get; private set; } = new();

    public IReadOnlyList<Invitation> Invitations { get; private set; } = [];

    /// <summary>The address of the next (older) invitations, when there are more.</summary>
    public string? OlderInvitationsUrl { get; private set; }

    public bool Suspended => Organization.State == OrganizationState.Suspended;

    /// <summary>The fund's own organisation cannot be suspended; a suspended one can have no new invitation.</summary>
    public bool MaySuspend => ConnectRules.MaySuspend(Organization);

    public bool MayInvite => ConnectRules.MayInvite(Organization.State);

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    /// <summary>Set by the second step's form (<see cref="Forms.Confirmation"/>).</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    /// <summary>The question a dangerous action asks before it is done; null when there is none.</summary>
    public Forms.Confirmation? Confirmation { get; private set; }

    public async Task<IActionResult> OnPostSuspendAsync()
    {
        ValidateOnly(nameof(InputModel.Reason));
        if (!ModelState.IsValid) return await ShowAsync();
        if (!Confirmed)
        {
            var page = await ShowAsync();
            if (Organization is { } shown)
            {
                Confirmation = new("confirm-suspend", Localizer["Operator.Organizations.ConfirmSuspendTitle", shown.DisplayName],
                    Localizer["Operator.Organizations.ConfirmSuspendText", Input.Reason.Trim()], "Suspend", Id,
                    [new("Input.Reason", Input.Reason)], Localizer["Operator.Organizations.Suspend"], Url.Page(OrganizationPages.Detail, new { id = Id })!);
            }
            return page;
        }
        try
        {
            var organization = await Organizations.SuspendOrganizationAsync(Id, Input.Reason.Trim(), HttpContext.RequestAborted);
            Say(Localizer["Operator.Organizations.Suspended", organization.DisplayName]);
            return RedirectToPage();
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    public async Task<IActionResult> OnPostReopenAsync()
    {
        ValidateOnly(nameof(InputModel.Reason));
        if (!ModelState.IsValid) return await ShowAsync();
        try
        {
            var organization = await Organizations.ReopenOrganizationAsync(Id, Input.Reason.Trim(), HttpContext.RequestAborted);
            Say(Localizer["Operator.Organizations.Reopened", organization.DisplayName]);
            return RedirectToPage();
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    public async Task<IActionResult> OnPostInviteEmailAsync()
    {
        ValidateOnly(nameof(InputModel.Email), nameof(InputModel.Language));
        if (!ModelState.IsValid) return await ShowAsync();
        try
        {
            var language = string.IsNullOrEmpty(Input.Language) ? Language.Unspecified : ConsoleCultures.ToLanguage(Input.Language);
            var invitation = await Organizations.InviteByEmailAsync(Id, Input.Email.Trim(), language, HttpContext.RequestAborted);
            Say(Localizer["Operator.Invitations.Emailed", invitation.Email, ConsoleTime.DateAndTime(invitation.ExpireTime)]);
            return RedirectToPage();
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    public async Task<IActionResult> OnPostLetterAsync()
    {
        ModelState.Clear();
        var ct = HttpContext.RequestAborted;
        try
        {
            var organization = await Organizations.GetOrganizationAsync(Id, ct);
            var issued = await Organizations.InviteByLetterAsync(Id, ct);
            // Shown on the next page the operator opens: the download itself leaves this page as it was.
            Say(Localizer["Operator.Invitations.LetterIssued", organization.DisplayName, ConsoleTime.DateAndTime(issued.Invitation.ExpireTime)]);
            return Pdf(issued.LetterPdf, $"invitation-{FileNamePart(organization.AffiliateNumber)}.pdf");
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    /// <summary>"Renvoyer" (an e-mail) or "Imprimer à nouveau" (a letter): a new code, the old one dead at once.</summary>
    public async Task<IActionResult> OnPostResendAsync(string invitationId)
    {
        ModelState.Clear();
        var ct = HttpContext.RequestAborted;
        try
        {
            var organization = await Organizations.GetOrganizationAsync(Id, ct);
            var resent = await Organizations.ResendInvitationAsync(invitationId, ct);
            var expires = ConsoleTime.DateAndTime(resent.Invitation.ExpireTime);
            if (resent.LetterPdf.IsEmpty)
            {
                Say(Localizer["Operator.Invitations.Resent", resent.Invitation.Email, expires]);
                return RedirectToPage();
            }
            Say(Localizer["Operator.Invitations.LetterIssued", organization.DisplayName, expires]);
            return Pdf(resent.LetterPdf, $"invitation-{FileNamePart(organization.AffiliateNumber)}.pdf");
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    public async Task<IActionResult> OnPostRevokeAsync(string invitationId)
    {
        ModelState.Clear();
        try
        {
            await Organizations.RevokeInvitationAsync(invitationId, HttpContext.RequestAborted);
            Say(Localizer["Operator.Invitations.Revoked"]);
            return RedirectToPage();
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    public string InvitationStateName(Invitation invitation) => Localizer[OrganizationStates.InvitationTextKey(invitation.State)];

    public string DeliveryName(Invitation invitation) => Localizer[OrganizationStates.DeliveryTextKey(invitation.Delivery)];

    /// <summary>
    /// A pending or expired invitation of an active organisation can be sent again with a new code; not the bootstrap
    /// invitation, which the server printed at its first start.
    /// </summary>
    public bool MayResend(Invitation invitation) =>
        MayInvite
        && invitation.State is InvitationState.Pending or InvitationState.Expired
        && invitation.Delivery is InvitationDelivery.Email or InvitationDelivery.Letter;

    public static bool MayRevoke(Invitation invitation) => ConnectRules.MayRevoke(invitation.State);

    private async Task<IActionResult> ShowAsync()
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
        await LoadInvitationsAsync(ct);
        return Page();
    }

    private async Task LoadInvitationsAsync(CancellationToken cancellationToken)
    {
        ListInvitationsResponse page;
        try
        {
            page = await Organizations.ListInvitationsAsync(Id, InvitationPageSize, InvitationsToken ?? string.Empty, cancellationToken);
        }
        catch (ConnectClientException exception) when (exception.Reason == ErrorReason.PageTokenInvalid)
        {
            AddRefusal(exception);
            InvitationsToken = null;
            page = await Organizations.ListInvitationsAsync(Id, InvitationPageSize, cancellationToken: cancellationToken);
        }
        Invitations = page.Invitations;
        if (page.NextPageToken.Length > 0)
        {
            OlderInvitationsUrl = Url.Page(OrganizationPages.Detail, null, new { id = Id, invitations = page.NextPageToken }) + "#invitations";
        }
    }

    /// <summary>A refused form: the page shows the organisation as Connect holds it, with the refusal.</summary>
    private async Task<IActionResult> RefusedAsync(ConnectClientException exception)
    {
        if (IsGone(exception)) return ToList(Errors.Describe(exception));
        AddRefusal(exception);
        return await ShowAsync();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Operator.Organizations.Field.Reason")]
        [Display(Name = "Operator.Organizations.Field.Reason")]
        public string Reason { get; set; } = string.Empty;

        [Required(ErrorMessage = "Required.Operator.Invitations.Field.Email")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [Display(Name = "Operator.Invitations.Field.Email")]
        public string Email { get; set; } = string.Empty;

        /// <summary>Empty for the organisation's language.</summary>
        [Display(Name = "Operator.Invitations.Field.Language")]
        public string? Language { get; set; }
    }
}
