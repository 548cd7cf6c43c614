using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Admin.Pages.Shared;
using Connect.Client;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ConnectPasskey = Connect.V1.Passkey;

namespace Connect.Admin.Pages.Account;

/// <summary>
/// The person's passkeys, and adding one: a name and the password first (Connect answers with the creation options),
/// then the browser creates the credential and its answer comes back to <see cref="OnPostFinishAsync"/>.
/// </summary>
public sealed class PasskeysModel(ConnectAccountClient accounts, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : AccountPageModel(accounts, errors, localizer)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<ConnectPasskey> Passkeys { get; private set; } = [];

    /// <summary>After the first step: the ceremony for the browser; null before.</summary>
    public PasskeyButton? Ceremony { get; private set; }

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostStartAsync()
    {
        if (!ModelState.IsValid) return await ShowAsync();
        try
        {
            var started = await Accounts.StartPasskeyRegistrationAsync(Input.Password, HttpContext.RequestAborted);
            var name = Input.Name.Trim();
            Ceremony = new PasskeyButton(started.OptionsJson, Create: true, "finish-passkey", "Finish", "create-passkey", Localizer["Passkeys.Create", name])
            {
                Fields = new Dictionary<string, string> { ["Name"] = name },
            };
            return await ShowAsync();
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    public async Task<IActionResult> OnPostFinishAsync(string? name, string? credentialJson)
    {
        // The two fields come from the page's own form and script, not from the person: nothing to say per field.
        ModelState.Clear();
        try
        {
            var added = await Accounts.FinishPasskeyRegistrationAsync(name ?? "", credentialJson ?? "", HttpContext.RequestAborted);
            StatusMessage.Set(TempData, Localizer["Passkeys.Added", added.Name]);
            return RedirectToPage(AccountPages.Passkeys);
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    protected override async Task LoadAsync(CancellationToken cancellationToken) =>
        Passkeys = await Accounts.ListPasskeysAsync(cancellationToken);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.PasskeyName")]
        [MaxLength(ConnectLimits.MaxNameLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.PasskeyName")]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "Required.Field.Password")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.Password")]
        public string Password { get; set; } = string.Empty;
    }
}
