using System.Globalization;

namespace Vigil.Matching;

/// <summary>
/// A date that may be partial (year only, year and month) or not a real calendar date (a 31st of
/// February, a month of 81 from a typing error). Zero in a component means unknown. Record linkage
/// compares the digits as written, so an impossible date still meets its correct version.
/// </summary>
/// <param name="Year">Year, 1 to 9999, or 0 when unknown.</param>
/// <param name="Month">Month as written, 1 to 99, or 0 when unknown.</param>
/// <param name="Day">Day as written, 1 to 99, or 0 when unknown.</param>
public readonly record struct PartialDate(int Year, int Month, int Day)
{
    /// <summary>True when no component is known.</summary>
    public bool IsEmpty => Year == 0 && Month == 0 && Day == 0;

    /// <summary>True when year, month and day are all known.</summary>
    public bool IsComplete => Year != 0 && Month != 0 && Day != 0;

    /// <summary>True when the known components can form a real calendar date.</summary>
    public bool IsValid =>
        !IsEmpty && Month <= 12 && Day <= 31 &&
        (!IsComplete || Day <= DateTime.DaysInMonth(Year, Month));

    /// <summary>The date packed as YYYYMMDD (unknown components are zeros).</summary>
    public int Packed => (Year * 10000) + (Month * 100) + Day;

    /// <summary>Creates a complete date.</summary>
    public static PartialDate FromDate(DateOnly date) => new(date.Year, date.Month, date.Day);

    /// <summary>
    /// Reads a date written as ISO (1971-06-24, 1971-06, 1971), YYYYMMDD (19710624; 00 for an unknown
    /// month or day), DD/MM/YYYY or MM/YYYY (also with '-' or '.'), and ISO with a time part. Unknown parts
    /// may be written as ?? or XX. Returns false for anything else, and for a date with no year.
    /// </summary>
    public static bool TryParse(string? text, out PartialDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.AsSpan().Trim();
        if (s.Length > 40)
        {
            return false;
        }

        // An ISO timestamp: keep the date.
        var t = s.IndexOfAny('T', ' ');
        if (t == 10)
        {
            s = s[..10];
        }

        Span<Range> parts = stackalloc Range[4];
        var sep = s.IndexOfAny("-/.") >= 0 ? s[s.IndexOfAny("-/.")] : '\0';
        if (sep == '\0')
        {
            if (s.Length == 8 && AllDigitsOrUnknown(s))
            {
                return Build(Num(s[..4]), Num(s[4..6]), Num(s[6..8]), out date);
            }

            if (s.Length == 4 && AllDigitsOrUnknown(s))
            {
                return Build(Num(s), 0, 0, out date);
            }

            if (s.Length == 6 && AllDigitsOrUnknown(s))
            {
                return Build(Num(s[..4]), Num(s[4..6]), 0, out date);
            }

            return false;
        }

        var n = s.Split(parts, sep);
        if (n is < 2 or > 3)
        {
            return false;
        }

        for (var i = 0; i < n; i++)
        {
            var p = s[parts[i]];
            if (p.Length is 0 or > 4 || !AllDigitsOrUnknown(p))
            {
                return false;
            }
        }

        var first = s[parts[0]];
        if (first.Length == 4)
        {
            // Year first: YYYY-MM or YYYY-MM-DD.
            var month = Num(s[parts[1]]);
            var day = n == 3 ? Num(s[parts[2]]) : 0;
            return s[parts[1]].Length <= 2 && (n == 2 || s[parts[2]].Length <= 2) && Build(Num(first), month, day, out date);
        }

        var last = s[parts[n - 1]];
        if (last.Length != 4)
        {
            return false;
        }

        return n == 3
            ? s[parts[1]].Length <= 2 && Build(Num(last), Num(s[parts[1]]), Num(first), out date)
            : Build(Num(last), Num(first), 0, out date);
    }

    /// <summary>Reads a date as <see cref="TryParse"/> does, or throws <see cref="FormatException"/>.</summary>
    public static PartialDate Parse(string text) =>
        TryParse(text, out var d) ? d : throw new FormatException($"'{text}' is not a date (expected YYYY-MM-DD, YYYYMMDD or DD/MM/YYYY).");

    /// <summary>The date as ISO 8601 where complete, with ?? for unknown components otherwise.</summary>
    public override string ToString()
    {
        var y = Year == 0 ? "????" : Year.ToString("D4", CultureInfo.InvariantCulture);
        if (Month == 0 && Day == 0)
        {
            return y;
        }

        var m = Month == 0 ? "??" : Month.ToString("D2", CultureInfo.InvariantCulture);
        var d = Day == 0 ? "??" : Day.ToString("D2", CultureInfo.InvariantCulture);
        return $"{y}-{m}-{d}";
    }

    private static bool Build(int year, int month, int day, out PartialDate date)
    {
        date = new PartialDate(year, month, day);
        return year is > 0 and <= 9999 && month is >= 0 and <= 99 && day is >= 0 and <= 99;
    }

    private static bool AllDigitsOrUnknown(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c) && c is not ('?' or 'x' or 'X'))
            {
                return false;
            }
        }

        return true;
    }

    private static int Num(ReadOnlySpan<char> s)
    {
        var v = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return 0;
            }

            v = (v * 10) + (c - '0');
        }

        return v;
    }
}
