using Connect.Admin.Localization;
using Connect.Admin.Sessions;
using Connect.Client;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Members.New;

/// <summary>
/// A step of "Nouveau". Before any handler runs it reads the dialog's cookie; a step whose earlier steps are not
/// done sends the administrator to the first one missing, so that a bookmark or the back button never shows a form
/// that cannot be sent.
/// </summary>
public abstract class NewMemberPageModel(ConnectMemberClient members, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : MembersPageModel(members, errors, localizer)
{
    public NewMemberDraft Draft { get; private set; } = new(string.Empty);

    /// <summary>The step's number, as the guide counts them.</summary>
    public abstract int Step { get; }

    /// <summary>The page of the first earlier step still to do, or null when this step can show.</summary>
    protected abstract string? MissingStep(NewMemberDraft draft);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Draft = ConsoleCookies.NewMember.Read(HttpContext) ?? new NewMemberDraft(string.Empty);
        if (MissingStep(Draft) is { } page)
        {
            context.Result = RedirectToPage(page);
            return;
        }
        await next();
    }

    /// <summary>Keeps the dialog's new state for the next step.</summary>
    protected void Save(NewMemberDraft draft)
    {
        Draft = draft;
        ConsoleCookies.NewMember.Write(HttpContext, draft, DateTimeOffset.UtcNow + NewMemberDraft.Lifetime);
    }

    /// <summary>The dialog is over (or starts afresh).</summary>
    protected void Forget()
    {
        Draft = new NewMemberDraft(string.Empty);
        ConsoleCookies.NewMember.Delete(HttpContext);
    }
}
