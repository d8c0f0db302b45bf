using System.Globalization;

namespace Vigil.Web.Platform.Ui;

/// <summary>
/// Times as the users read them: UK time (Europe/London), with the zone named (GMT or BST), from the UTC
/// instants that are stored. Times typed into a form are UK time too, and stored in UTC.
/// </summary>
public static class UkTime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private static DateTimeOffset InLondon(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, London);

    /// <summary>The UK day a moment falls on.</summary>
    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(InLondon(at).DateTime);

    /// <summary>"GMT" or "BST", for the moment given.</summary>
    public static string Zone(DateTimeOffset at) => London.IsDaylightSavingTime(at) ? "BST" : "GMT";

    /// <summary>"3 December 2026 14:05 GMT": for a record's own page.</summary>
    public static string Full(DateTimeOffset at) => InLondon(at).ToString("d MMMM yyyy HH:mm", English) + " " + Zone(at);

    /// <summary>"3 Dec 2026 14:05 GMT": for a table's cell.</summary>
    public static string Brief(DateTimeOffset at) => InLondon(at).ToString("d MMM yyyy HH:mm", English) + " " + Zone(at);

    /// <summary>"2026-12-03 14:05:09 GMT": for the audit log, to the second.</summary>
    public static string Exact(DateTimeOffset at) => InLondon(at).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + Zone(at);

    /// <summary>The instant a UK day begins, for a range of days: midnight in London (the clocks never change
    /// at midnight, so it always exists and is never repeated).</summary>
    public static DateTimeOffset DayStarts(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, London.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>A form's date and time (a datetime-local value), read as UK time. False when the text is not a
    /// date and time, or names a time the clocks skip in spring; an hour the clocks repeat in autumn is read
    /// as the first (BST) one.</summary>
    public static bool TryRead(string text, out DateTimeOffset at)
    {
        at = default;
        if (!DateTime.TryParseExact(text.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.fff", "yyyy-MM-dd HH:mm"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (London.IsInvalidTime(local))
        {
            return false;
        }
        var offset = London.IsAmbiguousTime(local) ? London.GetAmbiguousTimeOffsets(local).Max() : London.GetUtcOffset(local);
        at = new DateTimeOffset(local, offset).ToUniversalTime();
        return true;
    }
}
