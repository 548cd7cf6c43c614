using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Forms;

/// <summary>
/// A field's error message (<c>asp-validation-for</c>) gets the id its field names in <c>aria-describedby</c>
/// (<see cref="FieldErrorTagHelper"/>) and, for a screen reader, "Erreur : " before the text, as in GOV.UK's pattern.
/// </summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class FieldErrorMessageTagHelper(IStringLocalizer<SharedResource> localizer) : FieldTagHelper
{
    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression For { get; set; } = null!;

    protected override ModelExpression Field => For;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.Attributes.ContainsName("id")) output.Attributes.SetAttribute("id", FieldIds.ErrorOf(Key));
        if (!HasError) return;
        var prefix = new TagBuilder("span");
        prefix.AddCssClass("visually-hidden");
        prefix.InnerHtml.Append(localizer["Error.TitlePrefix"]);
        output.PreContent.SetHtmlContent(prefix);
    }
}
