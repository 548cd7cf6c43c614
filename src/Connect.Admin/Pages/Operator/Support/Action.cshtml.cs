using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator.Support;

/// <summary>
/// One support action for one person, confirmed on a page of its own: what it does (for a second-factor reset: the
/// phone, the authenticator and the recovery codes are removed, every session ends, a new mobile number is verified
/// at the next sign-in) and the reason, required, which Connect keeps in the audit log with the operator's name.
/// </summary>
public sealed class ActionModel(ConnectSupportClient support, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : SupportPageModel(support, errors, localizer)
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = string.Empty;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public SupportAction Action { get; private set; }

    public PersonSummary Person { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } elsewhere) return elsewhere;
        if (!ModelState.IsValid) return Page();
        var reason = Input.Reason.Trim();
        var ct = HttpContext.RequestAborted;
        try
        {
            switch (Action)
            {
                case SupportAction.LiftLock:
                    await Support.LiftSignInLockAsync(Person.Email, reason, ct);
                    Say(Localizer["Operator.Support.LockLifted", FullName(Person)]);
                    break;
                case SupportAction.ResetSecondFactor:
                    var ended = await Support.ResetSecondFactorAsync(Person.Id, reason, ct);
                    Say(Localizer["Operator.Support.SecondFactorReset", FullName(Person), ended]);
                    break;
                case SupportAction.ResendActivation:
                    var expires = await Support.ResendPersonActivationAsync(Person.Id, reason, ct);
                    Say(Localizer["Operator.Support.ActivationResent", Person.Email, ConsoleTime.DateAndTime(Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(expires))]);
                    break;
            }
            return RedirectToPage("/Operator/Support/Person", new { id = Person.Id });
        }
        catch (ConnectClientException exception) when (IsGone(exception))
        {
            return ToSearch(Errors.Describe(exception));
        }
        catch (ConnectClientException exception)
        {
            AddRefusal(exception);
            return Page();
        }
    }

    /// <summary>Reads the action and the person; an unknown action or person answers with where to go instead.</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        if (SupportActions.FromSlug(Kind) is not { } action) return RedirectToPage("/Operator/Support/Person", new { id = Id });
        Action = action;
        try
        {
            Person = (await Support.GetPersonAsync(Id, HttpContext.RequestAborted)).Person;
            return null;
        }
        catch (ConnectClientException exception) when (IsGone(exception))
        {
            return ToSearch(Errors.Describe(exception));
        }
    }

    public sealed class InputModel
    {
        /// <summary>Why, in the operator's words; Connect takes 1 to 500 characters.</summary>
        [Required(ErrorMessage = "Required.Operator.Support.Reason")]
        [StringLength(ConnectLimits.MaxReasonLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Operator.Support.Reason")]
        public string Reason { get; set; } = string.Empty;
    }
}
