using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ConnectPasskey = Connect.V1.Passkey;

namespace Connect.Admin.Pages.Account;

/// <summary>Removing a passkey: a page of its own, apart from the list, that asks for the password.</summary>
public sealed class RemovePasskeyModel(ConnectAccountClient accounts, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : AccountPageModel(accounts, errors, localizer)
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ConnectPasskey Passkey { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync() => await FindAsync() ? Page() : Gone();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await FindAsync()) return Gone();
        if (!ModelState.IsValid) return Page();
        try
        {
            await Accounts.RemovePasskeyAsync(Id, Input.Password, HttpContext.RequestAborted);
            StatusMessage.Set(TempData, Localizer["Passkeys.Removed", Passkey.Name]);
            return RedirectToPage(AccountPages.Passkeys);
        }
        catch (ConnectClientException exception) when (exception.Reason == ErrorReason.PasskeyNotFound)
        {
            return Gone();
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    protected override async Task LoadAsync(CancellationToken cancellationToken) => await FindAsync();

    private async Task<bool> FindAsync()
    {
        var found = (await Accounts.ListPasskeysAsync(HttpContext.RequestAborted)).FirstOrDefault(p => p.PasskeyId == Id);
        if (found is not null) Passkey = found;
        return found is not null;
    }

    /// <summary>Removed meanwhile, or never the person's: back to the list, which says so.</summary>
    private RedirectToPageResult Gone()
    {
        StatusMessage.Set(TempData, Localizer["Error.PASSKEY_NOT_FOUND"]);
        return RedirectToPage(AccountPages.Passkeys);
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.Password")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.Password")]
        public string Password { get; set; } = string.Empty;
    }
}
