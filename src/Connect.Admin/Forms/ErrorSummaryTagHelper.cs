using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Forms;

/// <summary>
/// <c>&lt;error-summary /&gt;</c>: GOV.UK's error summary, shown when the page has errors: a box at the top of the form
/// (role alert, focused when the page loads) that lists every error, each message of a field a link to that field.
/// Nothing when there is no error.
/// </summary>
[HtmlTargetElement("error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ErrorSummaryTagHelper(IStringLocalizer<SharedResource> localizer) : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var errors = ViewContext.ModelState
            .SelectMany(entry => (entry.Value?.Errors ?? []).Select(error => (entry.Key, Message: error.ErrorMessage)))
            .Where(error => error.Message.Length > 0)
            .DistinctBy(error => (error.Key, error.Message))
            .ToList();
        if (errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "error-summary alert alert-error");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("tabindex", "-1");
        // Focused on load, so that a screen reader reads it and a keyboard starts from it.
        output.Attributes.SetAttribute("autofocus", "autofocus");
        output.Attributes.SetAttribute("aria-labelledby", "error-summary-title");

        var title = new TagBuilder("h2");
        title.AddCssClass("error-summary-title");
        title.Attributes["id"] = "error-summary-title";
        title.InnerHtml.Append(localizer["ErrorSummary.Title"]);
        var list = new TagBuilder("ul");
        list.AddCssClass("error-summary-list");
        // Errors of the page first (they concern no field), then each field's in the order they were found.
        foreach (var (key, message) in errors.OrderBy(error => error.Key.Length == 0 ? 0 : 1))
        {
            var item = new TagBuilder("li");
            if (key.Length == 0) item.InnerHtml.Append(message);
            else
            {
                var link = new TagBuilder("a");
                link.Attributes["href"] = "#" + FieldIds.Of(key);
                link.InnerHtml.Append(message);
                item.InnerHtml.AppendHtml(link);
            }
            list.InnerHtml.AppendHtml(item);
        }
        output.Content.AppendHtml(title);
        output.Content.AppendHtml(list);
    }
}
