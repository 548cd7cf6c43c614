using System.ComponentModel.DataAnnotations;
using Connect.Admin.Hosting;
using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Members.New;

/// <summary>
/// "Nouveau", step 3 as in the guide: (1) the mobile number and "Envoyer le code", which creates the member (Connect
/// sends the SMS), then (2) the "Code SMS" the person reads out and "Enregistrer". A wrong number can be corrected
/// and the code sent again until then.
/// </summary>
public sealed class PhoneModel(ConnectMemberClient members, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : NewMemberPageModel(members, errors, localizer)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public override int Step => 3;

    public bool CodeSent => Draft.MemberId is not null;

    public string? NextResendHint => ConsoleTime.NextResendHint(Localizer, Draft.NextResendTime);

    protected override string? MissingStep(NewMemberDraft draft) =>
        draft.Email.Length == 0 ? MemberPages.NewEmail
        : !draft.HasNames ? MemberPages.NewPerson
        : null;

    public async Task OnGetAsync() => await ShowAsync();

    public async Task<IActionResult> OnPostSendCodeAsync()
    {
        ValidateOnly(nameof(InputModel.PhoneNumber));
        if (!ModelState.IsValid) return await ShowAsync();
        var number = Input.PhoneNumber.Trim();
        var ct = HttpContext.RequestAborted;
        try
        {
            if (Draft.MemberId is not { } memberId)
            {
                var created = await Members.CreateMemberAsync(CreateRequest(number), ct);
                Save(Draft with
                {
                    MemberId = created.Member.Id, PhoneNumber = number, MaskedPhoneNumber = created.MaskedPhoneNumber,
                    NextResendTime = created.NextResendTime?.ToDateTimeOffset(),
                });
            }
            else if (number != Draft.PhoneNumber)
            {
                // The member exists already: a corrected number waits for its own code.
                var changed = await Members.StartMemberPhoneChangeAsync(memberId, number, ct);
                Save(Draft with
                {
                    PhoneNumber = number, MaskedPhoneNumber = changed.Member.MaskedPendingPhoneNumber,
                    NextResendTime = changed.NextResendTime?.ToDateTimeOffset(),
                });
            }
            else
            {
                var sent = await Members.SendMemberPhoneCodeAsync(memberId, ct);
                Save(Draft with { MaskedPhoneNumber = sent.MaskedPhoneNumber, NextResendTime = sent.NextResendTime?.ToDateTimeOffset() });
            }
            return RedirectToPage();
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        ValidateOnly(nameof(InputModel.Code));
        if (Draft.MemberId is not { } memberId) return RedirectToPage();
        if (!ModelState.IsValid) return await ShowAsync();
        try
        {
            await VerifyPhoneAsync(memberId, Input.Code);
            Forget();
            return RedirectToPage(MemberPages.Detail, new { id = memberId });
        }
        catch (ConnectClientException exception) when (exception.Reason == ErrorReason.MemberStateInvalid)
        {
            // Verified meanwhile (on the detail page, by another administrator): the detail says how it stands.
            Forget();
            return RedirectToPage(MemberPages.Detail, new { id = memberId });
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    private CreateMemberRequest CreateRequest(string phoneNumber)
    {
        var request = new CreateMemberRequest
        {
            Email = Draft.Email,
            GivenName = Draft.GivenName,
            FamilyName = Draft.FamilyName,
            PhoneNumber = phoneNumber,
            Administrator = Draft.Administrator,
            Language = ConsoleCultures.ToLanguage(Draft.Language),
        };
        request.TopicIds.AddRange(Draft.TopicIds);
        return request;
    }

    private async Task<IActionResult> RefusedAsync(ConnectClientException exception)
    {
        if (IsGone(exception))
        {
            // Cancelled meanwhile: the dialog has nothing left to finish.
            Forget();
            return ToList(Errors.Describe(exception));
        }
        AddRefusal(exception);
        return await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync()
    {
        // The code form does not post the number: show the one the code went to.
        if (!ModelState.ContainsKey("Input.PhoneNumber")) Input.PhoneNumber = Draft.PhoneNumber;
        await LoadTopicsAsync(HttpContext.RequestAborted);
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.PhoneNumber")]
        [Display(Name = "Field.PhoneNumber")]
        public string PhoneNumber { get; set; } = string.Empty;

        [Required(ErrorMessage = "Required.Field.SmsCode")]
        [RegularExpression(ConnectLimits.CodePattern, ErrorMessage = "Validation.SixDigits")]
        [Display(Name = "Field.SmsCode")]
        public string Code { get; set; } = string.Empty;
    }
}
