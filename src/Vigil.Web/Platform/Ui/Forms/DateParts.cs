using System.Globalization;

namespace Vigil.Web.Platform.Ui;

/// <summary>
/// What was typed into a GOV.UK date input: day, month and year as text, kept as typed so that a form that
/// fails validation shows them again. <see cref="Read"/> turns them into a date, or says what is wrong in
/// GOV.UK's words ("Date of birth must include a month"). Where a field allows a partial date (a date of
/// birth known only to the month or the year), the missing parts are allowed as long as the year is given.
/// </summary>
public sealed class DateParts
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public static DateParts Of(DateOnly? date) => date is { } d
        ? new DateParts { Day = d.Day.ToString(CultureInfo.InvariantCulture), Month = d.Month.ToString(CultureInfo.InvariantCulture), Year = d.Year.ToString(CultureInfo.InvariantCulture) }
        : new DateParts();

    /// <summary>The date typed, or null when nothing was typed. <paramref name="error"/> is set when what was
    /// typed is not a real date; <paramref name="precision"/> says which parts were given.</summary>
    public DateOnly? Read(string label, out string? error, out DatePrecision precision, bool allowPartial = false)
    {
        error = null;
        precision = DatePrecision.Day;
        if (IsEmpty)
        {
            return null;
        }
        var hasDay = !string.IsNullOrWhiteSpace(Day);
        var hasMonth = !string.IsNullOrWhiteSpace(Month);
        var hasYear = !string.IsNullOrWhiteSpace(Year);
        if (!hasYear)
        {
            error = $"{label} must include a year";
            return null;
        }
        if (!allowPartial || (hasDay && !hasMonth))
        {
            var missing = new[] { hasDay ? null : "day", hasMonth ? null : "month" }.Where(m => m is not null).ToList();
            if (missing.Count > 0)
            {
                error = $"{label} must include a {string.Join(" and ", missing)}";
                return null;
            }
        }
        if (!int.TryParse(Year!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || Year.Trim().Length != 4 || year < 1900 || year > 2200)
        {
            error = $"{label} must be a real date, with a four-digit year";
            return null;
        }
        var month = 1;
        if (hasMonth && (!int.TryParse(Month!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out month) || month is < 1 or > 12))
        {
            error = $"{label} must be a real date: the month is a number from 1 to 12";
            return null;
        }
        var day = 1;
        if (hasDay && (!int.TryParse(Day!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out day) || day < 1 || day > DateTime.DaysInMonth(year, month)))
        {
            error = $"{label} must be a real date";
            return null;
        }
        precision = hasDay ? DatePrecision.Day : hasMonth ? DatePrecision.Month : DatePrecision.Year;
        return new DateOnly(year, month, day);
    }

    /// <summary>The same for a field that needs a whole date.</summary>
    public DateOnly? Read(string label, out string? error) => Read(label, out error, out _);
}

public enum DatePrecision { Day, Month, Year }
