using System.ComponentModel.DataAnnotations;
using System.Runtime.ExceptionServices;
using Connect.Admin.Localization;
using Connect.Admin.Pages.Members;
using Connect.Admin.Sessions;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Integrations;

/// <summary>
/// "Intégrations": the organisation's partner integrations (payroll or HR software that keeps its persons in step)
/// and, for the fund's operators, the fund's internal apps. A secret is shown once, in the answer to the form that
/// made it, and never travels in a cookie, TempData or a URL.
/// </summary>
public sealed class IndexModel(ConnectApplicationClient applications, ConnectSessionClient sessions, ConnectErrorMessages errors,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The scopes offered for each kind, in the order shown.</summary>
    public static readonly IReadOnlyList<string> PartnerScopes = ["users.read", "users.write"];
    public const string InternalScope = "access.check";

    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public IReadOnlyList<Application> Applications { get; private set; } = [];

    public bool Operator { get; private set; }

    /// <summary>Set only in the answer to a registration or a rotation: the secret, this once.</summary>
    public RevealedSecret? Revealed { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRegisterAsync()
    {
        await LoadAsync();
        var kind = Operator && Input.Internal ? ApplicationKind.Internal : ApplicationKind.Partner;
        var scopes = kind == ApplicationKind.Internal ? [InternalScope] : Input.Scopes.Where(PartnerScopes.Contains).Distinct().ToList();
        if (scopes.Count == 0) ModelState.AddModelError("Input.Scopes", localizer["Integrations.ScopesRequired"]);
        if (!ModelState.IsValid) return Page();
        try
        {
            var created = await applications.CreateApplicationAsync(Input.DisplayName.Trim(), kind, scopes, HttpContext.RequestAborted);
            return await RevealAsync(new RevealedSecret(created.Application, created.ClientSecret, null));
        }
        catch (ConnectClientException exception)
        {
            AddRefusal(exception, Input.GetType());
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRotateAsync(string id, string overlap)
    {
        ModelState.Clear();
        TimeSpan? keep = overlap switch { "none" => TimeSpan.Zero, "7d" => TimeSpan.FromDays(7), _ => TimeSpan.FromHours(24) };
        try
        {
            var rotated = await applications.RotateApplicationSecretAsync(id, keep, HttpContext.RequestAborted);
            return await RevealAsync(new RevealedSecret(rotated.Application, rotated.ClientSecret,
                rotated.PreviousSecretsExpireTime is { } previous ? ConsoleTime.DateAndTime(previous) : null));
        }
        catch (ConnectClientException exception)
        {
            AddRefusal(exception, inputType: null);
            await LoadAsync();
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRevokeAsync(string id, string? reason, bool confirm)
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(reason) || !confirm)
        {
            ModelState.AddModelError(string.Empty, localizer["Integrations.RevokeIncomplete"]);
            await LoadAsync();
            return Page();
        }
        try
        {
            var revoked = await applications.RevokeApplicationAsync(id, reason.Trim(), HttpContext.RequestAborted);
            StatusMessage.Set(TempData, localizer["Integrations.RevokedMessage", revoked.DisplayName]);
            return RedirectToPage();
        }
        catch (ConnectClientException exception)
        {
            AddRefusal(exception, inputType: null);
            await LoadAsync();
            return Page();
        }
    }

    public string ScopeName(string scope)
    {
        var text = localizer["Integrations.Scope." + scope];
        return text.ResourceNotFound ? scope : text.Value;
    }

    private async Task<IActionResult> RevealAsync(RevealedSecret revealed)
    {
        // The answer holds a secret: no cache may keep it, and going back must not show it again.
        Response.Headers.CacheControl = "no-store";
        Revealed = revealed;
        Input = new RegisterInput();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var who = await sessions.WhoAmIAsync(HttpContext.RequestAborted);
        Operator = who.Operator;
        Applications = await applications.ListApplicationsAsync(HttpContext.RequestAborted);
    }

    /// <summary>Connect's refusal on the form; an ended session or a lost right goes on to the folder's filters.</summary>
    private void AddRefusal(ConnectClientException exception, Type? inputType)
    {
        if (SessionRequiredFilter.EndsTheSession(exception) || AdministratorRequiredFilter.Applies(exception)) ExceptionDispatchInfo.Throw(exception);
        errors.AddTo(ModelState, exception, inputType);
    }

    public sealed record RevealedSecret(Application Application, string Secret, string? PreviousSecretsExpire);

    public sealed class RegisterInput
    {
        [Required(ErrorMessage = "Required.Integrations.Name")]
        [StringLength(ConnectLimits.MaxNameLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Integrations.Name")]
        public string DisplayName { get; set; } = string.Empty;

        public List<string> Scopes { get; set; } = [];

        /// <summary>Operators only: an internal app of the fund instead of a partner integration of the fund's organisation.</summary>
        public bool Internal { get; set; }
    }
}
