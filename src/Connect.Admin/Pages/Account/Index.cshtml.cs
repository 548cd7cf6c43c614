using Connect.Admin.Localization;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Account;

/// <summary>The own account at a glance (the console's home page), with a way into each part and a notice of waiting invitations.</summary>
public sealed class IndexModel(ConnectAccountClient accounts, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : AccountPageModel(accounts, errors, localizer)
{
    /// <summary>The organisations whose invitations wait for the person.</summary>
    public IReadOnlyList<string> InvitingOrganizations { get; private set; } = [];

    /// <summary>How many passkeys the person has.</summary>
    public int PasskeyCount { get; private set; }

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        await base.LoadAsync(cancellationToken);
        InvitingOrganizations = [.. (await Accounts.ListMembershipInvitationsAsync(cancellationToken)).Select(i => i.OrganizationDisplayName)];
        PasskeyCount = (await Accounts.ListPasskeysAsync(cancellationToken)).Count;
    }
}
