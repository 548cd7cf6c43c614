using Microsoft.AspNetCore.Mvc.Rendering;

namespace Connect.Admin.Forms;

/// <summary>The ids the form tag helpers give a field (as <c>asp-for</c> does) and its error message.</summary>
public static class FieldIds
{
    /// <summary><c>Input.GivenName</c> → <c>Input_GivenName</c>, the id <c>asp-for</c> gives the field.</summary>
    public static string Of(string modelStateKey) => TagBuilder.CreateSanitizedId(modelStateKey, "_");

    /// <summary>The id of the field's error message, which the field names in <c>aria-describedby</c>.</summary>
    public static string ErrorOf(string modelStateKey) => Of(modelStateKey) + "-error";
}
