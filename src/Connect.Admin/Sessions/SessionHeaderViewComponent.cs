using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;

namespace Connect.Admin.Sessions;

/// <summary>
/// The header's part for a signed-in person: their name, the organisation they act for (with a switch when they
/// have several), "sign out" and the "⋮" menu (the own account, and the user management for an administrator of
/// the organisation, the fund's area for an operator, as Connect's WhoAmI says). Without a live session it shows nothing; the page itself decides
/// whether it needs one.
/// </summary>
public sealed class SessionHeaderViewComponent(ConnectSessionClient sessions) : ViewComponent
{
    // The page's own calls carry the real work; a slow Connect must not hold up every header for long.
    private static readonly TimeSpan PatienceForTheHeader = TimeSpan.FromSeconds(3);

    public async Task<IViewComponentResult> InvokeAsync(string returnUrl)
    {
        if (ConsoleCookies.ReadSession(HttpContext.Request) is null) return Content(string.Empty);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(HttpContext.RequestAborted);
        timeout.CancelAfter(PatienceForTheHeader);
        try
        {
            var whoAmI = sessions.WhoAmIAsync(timeout.Token);
            var organizations = sessions.ListMyOrganizationsAsync(timeout.Token);
            await Task.WhenAll(whoAmI, organizations);
            var me = await whoAmI;
            var others = (await organizations).Organizations.Where(o => o.OrganizationId != me.OrganizationId).ToList();
            return View(new SessionHeaderView($"{me.GivenName} {me.FamilyName}", me.OrganizationDisplayName, others, returnUrl, me.Administrator, me.Operator));
        }
        catch (ConnectClientException) when (!HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Content(string.Empty);
        }
    }
}

/// <summary>What the header shows of the session.</summary>
public sealed record SessionHeaderView(
    string PersonName, string OrganizationName, IReadOnlyList<OrganizationChoice> OtherOrganizations, string ReturnUrl, bool Administrator, bool Operator);
