using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Members;

/// <summary>
/// One member ("Détail"): names, e-mail, mobile, state, rights, topics and recent history, with "Editer". A pending
/// member can be finished from here (a new SMS code, the code the person reads out, a new activation e-mail) or
/// cancelled.
/// </summary>
public sealed class DetailModel(ConnectMemberClient members, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : MembersPageModel(members, errors, localizer)
{
    private const int HistoryLength = 10;
    private const string NextResendKey = "MemberNextResendTime";

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Member Member { get; private set; } = new();

    public IReadOnlyList<MemberHistoryEntry> History { get; private set; } = [];

    public string? NextResendHint => NextResend.Hint(TempData, NextResendKey, Localizer);

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostSendCodeAsync()
    {
        // Only the code form has fields.
        ModelState.Clear();
        try
        {
            var sent = await Members.SendMemberPhoneCodeAsync(Id, HttpContext.RequestAborted);
            NextResend.Remember(TempData, NextResendKey, sent.NextResendTime);
            Say(Localizer["Phone.SentTo", sent.MaskedPhoneNumber]);
            return RedirectToPage();
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        if (!ModelState.IsValid) return await ShowAsync();
        try
        {
            await VerifyPhoneAsync(Id, Input.Code);
            return RedirectToPage();
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    public async Task<IActionResult> OnPostResendActivationAsync()
    {
        // Only the code form has fields.
        ModelState.Clear();
        try
        {
            var sent = await Members.ResendActivationAsync(Id, HttpContext.RequestAborted);
            Say(Localizer["Members.ActivationResent", sent.Member.Email, ConsoleTime.DateAndTime(sent.ExpireTime)]);
            return RedirectToPage();
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    public async Task<IActionResult> OnPostCancelAsync()
    {
        // Only the code form has fields.
        ModelState.Clear();
        try
        {
            await Members.CancelMemberAsync(Id, HttpContext.RequestAborted);
            return ToList(Localizer["Members.Cancelled"]);
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    private async Task<IActionResult> ShowAsync()
    {
        var ct = HttpContext.RequestAborted;
        try
        {
            Member = await Members.GetMemberAsync(Id, ct);
        }
        catch (ConnectClientException exception) when (IsGone(exception))
        {
            return ToList(Errors.Describe(exception));
        }
        await LoadTopicsAsync(ct);
        var history = new MemberHistory(Localizer, TopicName);
        var events = await Members.ListAuditEventsAsync(Id, HistoryLength, cancellationToken: ct);
        History = [.. events.AuditEvents.Select(history.Describe)];
        return Page();
    }

    private async Task<IActionResult> RefusedAsync(ConnectClientException exception)
    {
        if (IsGone(exception)) return ToList(Errors.Describe(exception));
        AddRefusal(exception);
        return await ShowAsync();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.SmsCode")]
        [RegularExpression(ConnectLimits.CodePattern, ErrorMessage = "Validation.SixDigits")]
        [Display(Name = "Field.SmsCode")]
        public string Code { get; set; } = string.Empty;
    }
}
