using System.ComponentModel.DataAnnotations;
using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Members;

/// <summary>
/// "Editer": names, the administrator right, topics and "Désactivé", saved with the etag read when the form was
/// shown so that two administrators never overwrite each other; and, in its own small form, a new mobile number
/// verified with the SMS code the person reads out (the old number counts until then).
/// </summary>
public sealed class EditModel(ConnectMemberClient members, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : MembersPageModel(members, errors, localizer)
{
    private const string NextResendKey = "MemberPhoneNextResendTime";

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Member Member { get; private set; } = new();

    /// <summary>True when Connect said someone else changed the member meanwhile: the page offers to reload.</summary>
    public bool Stale { get; private set; }

    /// <summary>Only an active member can be deactivated, and only a deactivated one reactivated.</summary>
    public bool MayDeactivate => ConnectRules.MayDeactivate(Member.State) || ConnectRules.MayReactivate(Member.State);

    /// <summary>A member still waiting for their first code gets it on the detail page; a deactivated one none.</summary>
    public bool MayChangePhone => Member.State is MemberState.Active or MemberState.PendingActivation;

    public bool PhoneCodeSent => Member.MaskedPendingPhoneNumber.Length > 0;

    public string? NextResendHint => NextResend.Hint(TempData, NextResendKey, Localizer);

    /// <summary>The topics to offer: the grantable ones, and any the member keeps that the organisation no longer may grant.</summary>
    public IEnumerable<string> OfferedTopicIds => Topics.Select(t => t.Id).Union(Member.TopicIds);

    public Task<IActionResult> OnGetAsync() => ShowAsync(fillForm: true);

    public async Task<IActionResult> OnPostSaveAsync()
    {
        ValidateOnly(nameof(InputModel.GivenName), nameof(InputModel.FamilyName), nameof(InputModel.Administrator),
            nameof(InputModel.TopicIds), nameof(InputModel.Deactivated), nameof(InputModel.Etag));
        if (!ModelState.IsValid) return await ShowAsync(fillForm: false);
        if (Input.Deactivated && !Confirmed)
        {
            // "Désactivé" checked on an active member: the save asks first, apart from the form.
            var page = await ShowAsync(fillForm: false);
            if (ConnectRules.MayDeactivate(Member.State))
            {
                Confirmation = new("confirm-deactivate", Localizer["Members.ConfirmDeactivateTitle", FullName(Member)],
                    Localizer["Members.ConfirmDeactivateText", FullName(Member)], "Save", Id, TypedFields(), Localizer["Members.ConfirmDeactivate"],
                    Url.Page(MemberPages.Edit, new { id = Id })!);
                return page;
            }
        }
        var ct = HttpContext.RequestAborted;
        var etag = Input.Etag;
        try
        {
            var change = new Member { Id = Id, Etag = etag, GivenName = Input.GivenName.Trim(), FamilyName = Input.FamilyName.Trim(), Administrator = Input.Administrator };
            change.TopicIds.AddRange(Input.TopicIds);
            var member = await Members.UpdateMemberAsync(change, cancellationToken: ct);
            // The etag of what Connect holds now: a refused deactivation after a saved change must not look stale.
            etag = member.Etag;
            if (Input.Deactivated && ConnectRules.MayDeactivate(member.State))
            {
                var deactivated = await Members.DeactivateMemberAsync(Id, etag, ct);
                Say(Localizer["Members.Deactivated", FullName(member), deactivated.EndedSessions]);
            }
            else if (!Input.Deactivated && ConnectRules.MayReactivate(member.State))
            {
                await Members.ReactivateMemberAsync(Id, etag, ct);
                Say(Localizer["Members.Reactivated", FullName(member)]);
            }
            else
            {
                Say(Localizer["Members.Saved"]);
            }
            return RedirectToPage(MemberPages.Detail, new { id = Id });
        }
        catch (ConnectClientException exception)
        {
            if (IsGone(exception)) return ToList(Errors.Describe(exception));
            Stale = exception.Reason == ErrorReason.EtagMismatch;
            AddRefusal(exception);
            // The refused change does not stay in the form: it shows the member as Connect holds them.
            if (exception.Reason == ErrorReason.LastAdministrator) return await ShowAsync(fillForm: true);
            // The form keeps what was typed; its hidden etag says what Connect last showed of this member.
            Input.Etag = etag;
            ModelState.Remove("Input.Etag");
            return await ShowAsync(fillForm: false);
        }
    }

    /// <summary>Set by the second step's form (<see cref="Forms.Confirmation"/>).</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    /// <summary>The question a deactivation asks before it is saved; null when there is none.</summary>
    public Forms.Confirmation? Confirmation { get; private set; }

    /// <summary>What the form holds, posted again by the confirmation's button.</summary>
    private List<KeyValuePair<string, string>> TypedFields() =>
    [
        new("Input.GivenName", Input.GivenName), new("Input.FamilyName", Input.FamilyName),
        new("Input.Administrator", Input.Administrator ? "true" : "false"), new("Input.Deactivated", "true"), new("Input.Etag", Input.Etag),
        .. Input.TopicIds.Select(topic => new KeyValuePair<string, string>("Input.TopicIds", topic)),
    ];

    public async Task<IActionResult> OnPostSendCodeAsync()
    {
        ValidateOnly(nameof(InputModel.PhoneNumber));
        if (!ModelState.IsValid) return await ShowAsync(fillForm: true);
        try
        {
            var started = await Members.StartMemberPhoneChangeAsync(Id, Input.PhoneNumber.Trim(), HttpContext.RequestAborted);
            NextResend.Remember(TempData, NextResendKey, started.NextResendTime);
            return RedirectToPage();
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    public async Task<IActionResult> OnPostResendCodeAsync()
    {
        ValidateOnly();
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

    public async Task<IActionResult> OnPostConfirmPhoneAsync()
    {
        ValidateOnly(nameof(InputModel.Code));
        if (!ModelState.IsValid) return await ShowAsync(fillForm: true);
        try
        {
            var member = await Members.ConfirmMemberPhoneChangeAsync(Id, Input.Code.Trim(), HttpContext.RequestAborted);
            TempData.Remove(NextResendKey);
            Say(Localizer["Members.PhoneChanged", FullName(member), member.MaskedPhoneNumber]);
            return RedirectToPage(MemberPages.Detail, new { id = Id });
        }
        catch (ConnectClientException exception)
        {
            return await RefusedAsync(exception);
        }
    }

    /// <summary>A refused phone form: the edit form shows the member as Connect holds it.</summary>
    private async Task<IActionResult> RefusedAsync(ConnectClientException exception)
    {
        if (IsGone(exception)) return ToList(Errors.Describe(exception));
        AddRefusal(exception);
        return await ShowAsync(fillForm: true);
    }

    /// <summary>Loads the member; <paramref name="fillForm"/> puts its values (and etag) into the edit form, else the form keeps what was posted.</summary>
    private async Task<IActionResult> ShowAsync(bool fillForm)
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
        LastAdministrator = await IsLastAdministratorAsync(ct);
        if (fillForm)
        {
            // What was posted would otherwise be shown instead of the member's values (the form's fields read the
            // model state first); the errors stay.
            foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.", StringComparison.Ordinal) && ModelState[k]!.Errors.Count == 0).ToList())
                ModelState.Remove(key);
            Input.GivenName = Member.GivenName;
            Input.FamilyName = Member.FamilyName;
            Input.Administrator = Member.Administrator;
            Input.TopicIds = [.. Member.TopicIds];
            Input.Deactivated = Member.State == MemberState.Deactivated;
            Input.Etag = Member.Etag;
        }
        return Page();
    }

    /// <summary>The member is the organisation's only active administrator: the page says so before anyone tries.</summary>
    public bool LastAdministrator { get; private set; }

    /// <summary>
    /// Whether no other active member is an administrator, read from the active members' list (pages of 200, a few
    /// at most: it stops at the first other administrator). Connect refuses the change anyway (LAST_ADMINISTRATOR).
    /// </summary>
    private async Task<bool> IsLastAdministratorAsync(CancellationToken cancellationToken)
    {
        if (!Member.Administrator || Member.State != MemberState.Active) return false;
        string? token = null;
        for (var page = 0; page < 25; page++)
        {
            var members = await Members.ListMembersAsync(states: [MemberState.Active], pageSize: 200, pageToken: token, cancellationToken: cancellationToken);
            if (members.Members.Any(m => m.Administrator && m.Id != Member.Id)) return false;
            if (members.NextPageToken.Length == 0) return true;
            token = members.NextPageToken;
        }
        return false;
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required.Field.GivenName")]
        [StringLength(ConnectLimits.MaxNameLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.GivenName")]
        public string GivenName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Required.Field.FamilyName")]
        [StringLength(ConnectLimits.MaxNameLength, ErrorMessage = "Validation.MaxLength")]
        [Display(Name = "Field.FamilyName")]
        public string FamilyName { get; set; } = string.Empty;

        [Display(Name = "Members.AdministratorRight")]
        public bool Administrator { get; set; }

        [Display(Name = "Members.Topics")]
        public List<string> TopicIds { get; set; } = [];

        [Display(Name = "Members.DeactivatedLabel")]
        public bool Deactivated { get; set; }

        /// <summary>The member's etag when the form was shown.</summary>
        [DisplayFormat(ConvertEmptyStringToNull = false)]
        public string Etag { get; set; } = string.Empty;

        [Required(ErrorMessage = "Required.Field.NewPhoneNumber")]
        [Display(Name = "Field.NewPhoneNumber")]
        public string PhoneNumber { get; set; } = string.Empty;

        [Required(ErrorMessage = "Required.Field.SmsCode")]
        [RegularExpression(ConnectLimits.CodePattern, ErrorMessage = "Validation.SixDigits")]
        [Display(Name = "Field.SmsCode")]
        public string Code { get; set; } = string.Empty;
    }
}
