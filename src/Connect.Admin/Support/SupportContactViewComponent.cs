using Connect.Admin.Hosting;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;

namespace Connect.Admin.Support;

/// <summary>The support contact in the footer of every page, in the current language.</summary>
public sealed class SupportContactViewComponent(SupportContactSource source) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var contact = await source.GetAsync(HttpContext.RequestAborted);
        if (contact is null) return Content(string.Empty);
        return View(new SupportContactView(
            ConsoleCultures.Pick(contact.Department),
            contact.PhoneNumber,
            ConsoleCultures.Pick(contact.Hours),
            contact.Email,
            [.. contact.Languages.Where(l => l != Language.Unspecified).Distinct().Select(ConsoleCultures.ToCulture)]));
    }
}

/// <summary>What the footer shows.</summary>
/// <param name="Languages">The cultures (<c>fr</c>, <c>de</c>, …) support answers in, in the configured order.</param>
public sealed record SupportContactView(string Department, string PhoneNumber, string Hours, string Email, IReadOnlyList<string> Languages)
{
    /// <summary>The number for a <c>tel:</c> link, without its spaces.</summary>
    public string DialablePhoneNumber => new(PhoneNumber.Where(c => char.IsDigit(c) || c == '+').ToArray());
}
