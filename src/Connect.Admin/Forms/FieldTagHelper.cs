using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Connect.Admin.Forms;

/// <summary>What the error pattern's tag helpers know of their field: its model state key and whether it has an error.</summary>
public abstract class FieldTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    // After the framework's own helpers, which write the id, the value and the message.
    public override int Order => 100;

    /// <summary>The field's expression (<c>asp-for</c> or <c>asp-validation-for</c>).</summary>
    protected abstract ModelExpression Field { get; }

    /// <summary>The field's model state key, e.g. <c>Input.GivenName</c>.</summary>
    protected string Key => ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(Field.Name);

    protected bool HasError => ViewContext.ModelState.TryGetValue(Key, out var entry) && entry.Errors.Count > 0;
}
