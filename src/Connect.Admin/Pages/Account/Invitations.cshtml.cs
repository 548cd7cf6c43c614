using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Account;

/// <summary>
/// The organisations that want to give the person access: accept one here, or decline it after a confirmation
/// (<see cref="DeclineInvitationModel"/>). Until the person accepts, the organisation sees nothing of theirs.
/// </summary>
public sealed class InvitationsModel(ConnectAccountClient accounts, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : AccountPageModel(accounts, errors, localizer)
{
    public IReadOnlyList<MembershipInvitation> Invitations { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostAcceptAsync(string? id)
    {
        if (string.IsNullOrEmpty(id)) return RedirectToPage();
        try
        {
            var organization = await Accounts.AcceptMembershipInvitationAsync(id, HttpContext.RequestAborted);
            return Done(Localizer["Invitations.Accepted", organization]);
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    protected override async Task LoadAsync(CancellationToken cancellationToken) =>
        Invitations = await Accounts.ListMembershipInvitationsAsync(cancellationToken);
}
