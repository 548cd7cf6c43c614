using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Localization;

/// <summary>Times as the fund's people read them: Swiss local time, the same digits in every language.</summary>
public static class ConsoleTime
{
    private static readonly TimeZoneInfo SwissTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");

    public static string HoursAndMinutes(DateTimeOffset time) => Local(time).ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string DateAndTime(Timestamp? time) =>
        time is null ? string.Empty : Local(time.ToDateTimeOffset()).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// "No code? A new one can be sent in 45 seconds" (or "from 14:32" when it is minutes away), while that time is
    /// still ahead; otherwise null. Said of the resend button, not of the code field.
    /// </summary>
    public static string? NextResendHint(IStringLocalizer localizer, DateTimeOffset? next)
    {
        if (next is not { } time || time <= DateTimeOffset.UtcNow) return null;
        var wait = time - DateTimeOffset.UtcNow;
        return wait <= TimeSpan.FromMinutes(2)
            ? localizer["Resend.InSeconds", (int)Math.Ceiling(wait.TotalSeconds)].Value
            // The minute after: shown without seconds, the time must never be too early.
            : localizer["Resend.NotBefore", HoursAndMinutes(time + TimeSpan.FromMinutes(1))].Value;
    }

    /// <summary>With seconds, for the audit log, where the order of events within a minute matters.</summary>
    public static string DateAndTimeWithSeconds(Timestamp? time) =>
        time is null ? string.Empty : Local(time.ToDateTimeOffset()).ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The instant a Swiss calendar day starts (midnight in Zurich, which every day has), in UTC.</summary>
    public static DateTimeOffset StartOfSwissDay(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), SwissTime), TimeSpan.Zero);

    /// <summary>The Swiss calendar day of an instant.</summary>
    public static DateOnly SwissDay(DateTimeOffset time) => DateOnly.FromDateTime(Local(time).DateTime);

    private static DateTimeOffset Local(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, SwissTime);
}
