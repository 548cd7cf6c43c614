using System.Runtime.ExceptionServices;
using Connect.Admin.Hosting;
using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Members;

/// <summary>
/// A page of the user management. The folder's filters have already sent anyone without a session to the sign-in
/// and send a person who is no administrator (Connect's <c>ADMINISTRATOR_REQUIRED</c>) to the page that says so.
/// </summary>
public abstract class MembersPageModel(ConnectMemberClient members, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : PageModel
{
    protected ConnectMemberClient Members => members;

    protected ConnectErrorMessages Errors => errors;

    protected IStringLocalizer<SharedResource> Localizer => localizer;

    /// <summary>The topics the organisation may grant, once loaded.</summary>
    public IReadOnlyList<Topic> Topics { get; private set; } = [];

    protected async Task LoadTopicsAsync(CancellationToken cancellationToken) =>
        Topics = await members.ListGrantableTopicsAsync(cancellationToken);

    /// <summary>A topic's name in the console's language; its id when the organisation may no longer grant it.</summary>
    public string TopicName(string topicId) =>
        Topics.FirstOrDefault(t => t.Id == topicId) is { } topic ? ConsoleCultures.Pick(topic.DisplayName) : topicId;

    public string TopicNames(IEnumerable<string> topicIds) => string.Join(", ", topicIds.Select(TopicName));

    public string StateName(MemberState state) => localizer[MemberStates.TextKey(state)];

    public static string FullName(Member member) => $"{member.GivenName} {member.FamilyName}";

    /// <summary>Puts Connect's refusal on the form; an ended session or a lost right is no form error and goes on to the folder's filters.</summary>
    protected void AddRefusal(ConnectClientException exception)
    {
        if (SessionRequiredFilter.EndsTheSession(exception) || AdministratorRequiredFilter.Applies(exception)) ExceptionDispatchInfo.Throw(exception);
        errors.AddTo(ModelState, exception, GetType().GetProperty("Input")?.PropertyType);
    }

    /// <summary>Keeps only the validation of the posted form's fields, for pages whose forms share one input model.</summary>
    protected void ValidateOnly(params string[] properties)
    {
        var kept = properties.Select(p => "Input." + p).ToHashSet();
        foreach (var key in ModelState.Keys.Where(k => !kept.Contains(k)).ToList()) ModelState.Remove(key);
    }

    /// <summary>Verifies a new member's number with the code the person reads out, and says what happens next.</summary>
    protected async Task<Member> VerifyPhoneAsync(string memberId, string code)
    {
        var member = await members.VerifyMemberPhoneAsync(memberId, code.Trim(), HttpContext.RequestAborted);
        Say(member.State == MemberState.Active
            ? localizer["Members.VerifiedExisting", FullName(member)]
            : localizer["Members.VerifiedNew", FullName(member), member.Email]);
        return member;
    }

    /// <summary>A message for the next page (post/redirect/get).</summary>
    protected void Say(string message) => StatusMessage.Set(TempData, message);

    /// <summary>To the list, saying why (a member that no longer exists, for instance).</summary>
    protected RedirectToPageResult ToList(string message)
    {
        Say(message);
        return RedirectToPage(MemberPages.List);
    }

    /// <summary>A member that is gone (or another organisation's) sends the administrator back to the list.</summary>
    protected static bool IsGone(ConnectClientException exception) =>
        exception.Reason is ErrorReason.MemberNotFound or ErrorReason.PersonRemoved;
}
