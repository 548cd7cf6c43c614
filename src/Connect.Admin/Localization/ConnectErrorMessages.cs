using System.Globalization;
using System.Reflection;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Localization;

/// <summary>
/// The one place where Connect's refusals become people's words: each <see cref="ErrorReason"/> has the
/// resource <c>Error.&lt;REASON&gt;</c> (e.g. <c>Error.ACCESS_CODE_INVALID</c>) in every language.
/// </summary>
public sealed class ConnectErrorMessages(IStringLocalizer<SharedResource> localizer)
{
    // Reasons that always concern one field of the request, so that they land next to it even when the
    // server names no field the form has; the first of the candidates that the form has wins.
    private static readonly Dictionary<ErrorReason, string[]> FieldsOfReason = new()
    {
        [ErrorReason.CodeInvalid] = ["code"],
        [ErrorReason.AccessCodeInvalid] = ["access_code", "code"],
        [ErrorReason.AccessCodeExpired] = ["access_code", "code"],
        [ErrorReason.PasswordTooShort] = ["password", "new_password"],
        [ErrorReason.PasswordTooLong] = ["password", "new_password"],
        [ErrorReason.PasswordTooCommon] = ["password", "new_password"],
        [ErrorReason.PasswordIncorrect] = ["password", "current_password"],
        [ErrorReason.PhoneNumberInvalid] = ["phone_number"],
        [ErrorReason.PhoneCountryNotAllowed] = ["phone_number"],
    };

    // Beyond this, "in 900 seconds" reads worse than "from 14:45".
    private static readonly TimeSpan LongWait = TimeSpan.FromMinutes(2);

    /// <summary>The refusal in the current language, with when to retry and the tries left where Connect said so.</summary>
    public string Describe(ConnectClientException exception)
    {
        // No reason means the call did not reach Connect (or its answer was not Connect's).
        var reason = exception.Reason == ErrorReason.Unspecified ? ErrorReason.Unavailable : exception.Reason;
        var text = localizer["Error." + ConnectClientException.ReasonName(reason)];
        var message = text.ResourceNotFound ? localizer["Error.INTERNAL"].Value : text.Value;
        if (exception.RetryAfter is { } wait && wait > TimeSpan.Zero)
        {
            // The minute after: shown without seconds, the time must never be too early.
            message += " " + (wait > LongWait
                ? localizer["Error.RetryAt", ConsoleTime.HoursAndMinutes(DateTimeOffset.UtcNow + wait + TimeSpan.FromMinutes(1))]
                : localizer["Error.RetryAfter", (int)Math.Ceiling(wait.TotalSeconds)]);
        }
        if (exception.Metadata.TryGetValue("attempts_left", out var attemptsLeft))
        {
            message += " " + localizer["Error.AttemptsLeft", attemptsLeft];
        }
        return message;
    }

    /// <summary>
    /// Puts the refusal into <paramref name="modelState"/>: next to each field of <paramref name="inputType"/> that
    /// Connect named (proto names such as <c>given_name</c> become <c>Input.GivenName</c>), otherwise for the page.
    /// </summary>
    public void AddTo(ModelStateDictionary modelState, ConnectClientException exception, Type? inputType)
    {
        var message = Describe(exception);
        var placed = false;
        foreach (var property in exception.FieldViolations.Select(v => PropertyOf(inputType, v.Field)).OfType<string>().Distinct())
        {
            modelState.AddModelError("Input." + property, message);
            placed = true;
        }
        if (!placed && FieldsOfReason.TryGetValue(exception.Reason, out var candidates)
            && candidates.Select(c => PropertyOf(inputType, c)).OfType<string>().FirstOrDefault() is { } fallback)
        {
            modelState.AddModelError("Input." + fallback, message);
            placed = true;
        }
        if (!placed) modelState.AddModelError(string.Empty, WithFieldLabels(exception, message));
    }

    /// <summary>
    /// A message shown for the page names the fields it is about when they are not on the form (a field of an
    /// earlier step of a dialog): "Prénom : Veuillez vérifier cette saisie."
    /// </summary>
    private string WithFieldLabels(ConnectClientException exception, string message)
    {
        var labels = exception.FieldViolations.Select(v => localizer["Field." + Pascal(v.Field)])
            .Where(label => !label.ResourceNotFound).Select(label => label.Value).Distinct().ToList();
        return labels.Count == 0 ? message : localizer["Common.Labelled", string.Join(", ", labels), message];
    }

    private static string? PropertyOf(Type? inputType, string protoField) =>
        inputType?.GetProperty(Pascal(protoField), BindingFlags.Public | BindingFlags.Instance)?.Name;

    /// <summary>
    /// The property name of a proto field path: its last part without an index, so that <c>member.given_name</c> (a
    /// field of the resource inside a request) is <c>GivenName</c> like <c>given_name</c>, and
    /// <c>sign_in.redirect_uris[1]</c> is <c>RedirectUris</c>.
    /// </summary>
    private static string Pascal(string protoField)
    {
        var last = protoField[(protoField.LastIndexOf('.') + 1)..];
        if (last.IndexOf('[') is var index and >= 0) last = last[..index];
        return string.Concat(last.Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpper(part[0], CultureInfo.InvariantCulture) + part[1..]));
    }
}
