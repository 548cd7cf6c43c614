using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Forms;

/// <summary>
/// Model binding's own messages (a value it cannot read, a number field with letters) in the page's language, from the
/// resource files: ASP.NET's defaults are English ("The value '' is invalid.").
/// </summary>
public static class LocalizedBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider messages, IStringLocalizer localizer)
    {
        messages.SetMissingBindRequiredValueAccessor(field => localizer["Validation.Required", field]);
        messages.SetMissingKeyOrValueAccessor(() => localizer["Validation.Missing"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => localizer["Validation.Missing"]);
        messages.SetValueMustNotBeNullAccessor(_ => localizer["Validation.Missing"]);
        messages.SetAttemptedValueIsInvalidAccessor((_, field) => localizer["Validation.InvalidField", field]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => localizer["Validation.Invalid"]);
        messages.SetUnknownValueIsInvalidAccessor(field => localizer["Validation.InvalidField", field]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer["Validation.Invalid"]);
        messages.SetValueIsInvalidAccessor(_ => localizer["Validation.Invalid"]);
        messages.SetValueMustBeANumberAccessor(field => localizer["Validation.NumberField", field]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => localizer["Validation.Number"]);
    }
}
