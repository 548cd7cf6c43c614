using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Connect.Admin.Pages.Operator;

/// <summary>The operator area's home: its four parts. Connect's WhoAmI says whether the person is an operator.</summary>
public sealed class IndexModel(ConnectSessionClient sessions) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        (await sessions.WhoAmIAsync(cancellationToken)).Operator ? Page() : RedirectToPage(OperatorPages.OperatorsOnly);
}
