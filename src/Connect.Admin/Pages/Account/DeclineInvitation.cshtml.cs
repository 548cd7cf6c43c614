using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Account;

/// <summary>
/// Asks before declining an invitation (GOV.UK: confirm what cannot be undone): the membership is then removed and
/// the organisation keeps nothing of the person. An invitation that no longer waits goes back to the list.
/// </summary>
public sealed class DeclineInvitationModel(ConnectAccountClient accounts, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : AccountPageModel(accounts, errors, localizer)
{
    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    public MembershipInvitation Invitation { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        return Invitation.Id.Length == 0 ? RedirectToPage(AccountPages.Invitations) : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync(HttpContext.RequestAborted);
        if (Invitation.Id.Length == 0) return RedirectToPage(AccountPages.Invitations);
        try
        {
            await Accounts.DeclineMembershipInvitationAsync(Invitation.Id, HttpContext.RequestAborted);
            return Done(Localizer["Invitations.Declined", Invitation.OrganizationDisplayName]);
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    protected override async Task LoadAsync(CancellationToken cancellationToken) =>
        Invitation = (await Accounts.ListMembershipInvitationsAsync(cancellationToken)).FirstOrDefault(i => i.Id == Id) ?? new();
}
