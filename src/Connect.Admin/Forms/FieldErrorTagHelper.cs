using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Connect.Admin.Forms;

/// <summary>
/// A field with an error says so to assistive technology (the GOV.UK error pattern): <c>aria-invalid="true"</c> and
/// <c>aria-describedby</c> naming its own message (<see cref="FieldErrorMessageTagHelper"/>), kept after any
/// description the page gave it.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class FieldErrorTagHelper : FieldTagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    protected override ModelExpression Field => For;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!HasError || output.Attributes["type"]?.Value?.ToString() is "hidden") return;
        output.Attributes.SetAttribute("aria-invalid", "true");
        var describedBy = output.Attributes["aria-describedby"]?.Value?.ToString();
        var error = FieldIds.ErrorOf(Key);
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(describedBy) ? error : describedBy + " " + error);
    }
}
