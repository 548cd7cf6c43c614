using System.Globalization;

namespace Connect.Grpc.Messaging;

/// <summary>Dates and times in messages are Swiss local time (Europe/Zurich), whatever the server's zone.</summary>
public static class SwissTime
{
    private static readonly TimeZoneInfo Zone = FindZone();

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : utc, DateTimeKind.Utc), Zone);

    /// <summary>The Swiss date, <c>dd.MM.yyyy</c>, the form Swiss readers expect in every language.</summary>
    public static string Date(DateTime utc) => ToLocal(utc).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>The Swiss time of day, <c>HH:mm</c>.</summary>
    public static string TimeOfDay(DateTime utc) => ToLocal(utc).ToString("HH:mm", CultureInfo.InvariantCulture);

    // A machine without tzdata must still render messages (an exception here would fail the caller's write),
    // so fall back to the Central European rules that Switzerland follows.
    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            var summer = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday));
            return TimeZoneInfo.CreateCustomTimeZone("Europe/Zurich", TimeSpan.FromHours(1), "Europe/Zurich", "CET", "CEST", [summer]);
        }
    }
}
