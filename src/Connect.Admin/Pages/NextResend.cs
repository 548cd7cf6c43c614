using System.Globalization;
using Connect.Admin.Localization;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages;

/// <summary>
/// When a new code may be asked for, carried over the redirect of post/redirect/get like <see cref="StatusMessage"/>,
/// for flows whose state Connect holds (the console's own step cookies carry it themselves). Peeked, not consumed:
/// a reload shows the hint again while that time is ahead.
/// </summary>
public static class NextResend
{
    public static void Remember(ITempDataDictionary tempData, string key, Timestamp? nextResendTime)
    {
        if (nextResendTime is not null) tempData[key] = nextResendTime.ToDateTimeOffset().ToString("O", CultureInfo.InvariantCulture);
    }

    /// <summary>"A new code can be asked for from 14:32:10", while that time is ahead; otherwise null.</summary>
    public static string? Hint(ITempDataDictionary tempData, string key, IStringLocalizer localizer) =>
        tempData.Peek(key) is string stored
        && DateTimeOffset.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var next)
            ? ConsoleTime.NextResendHint(localizer, next)
            : null;
}
